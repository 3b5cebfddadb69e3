import { describe, expect, it } from 'vitest';

import { aRequest, anInstantClock, scriptedNext } from '../../../test/http/support/builders.js';
import { NetworkError } from '../errors/network-error.js';
import { createLogPolicy } from './log-policy.js';

function aLoggedPolicy() {
  const lines: unknown[] = [];
  const policy = createLogPolicy({
    logger: { debug: (line: unknown) => lines.push(line) },
    clock: anInstantClock(),
  });
  return { policy, lines };
}

describe('createLogPolicy', () => {
  it('prints allow-listed headers and api-version only, everything else REDACTED', async () => {
    const { policy, lines } = aLoggedPolicy();
    const secret = crypto.randomUUID();
    const request = aRequest({
      method: 'PATCH',
      href: `https://dev.azure.com/org/p/_apis/policy/evaluations/42?sig=${secret}&api-version=7.1`,
      operation: 'requeue check',
      headers: {
        authorization: `Bearer ${secret}`,
        cookie: `session=${secret}`,
        'x-tfs-fedauthredirect': 'Suppress',
        'x-tfs-private': secret,
        'content-type': 'application/json',
      },
      body: `{"status":"queued","note":"${secret}"}`,
    });
    const next = scriptedNext([
      {
        status: 200,
        headers: { 'set-cookie': `s=${secret}`, 'x-ratelimit-remaining': '150' },
        bodyText: secret,
      },
    ]);

    await policy.sendRequest(request, next);

    expect(lines).toEqual([
      '--> PATCH https://dev.azure.com/org/p/_apis/policy/evaluations/42?sig=REDACTED&api-version=7.1 (requeue check) ' +
        '{"authorization":"REDACTED","content-type":"application/json","cookie":"REDACTED",' +
        '"x-tfs-fedauthredirect":"Suppress","x-tfs-private":"REDACTED"} body 65 B',
      '<-- 200 PATCH https://dev.azure.com/org/p/_apis/policy/evaluations/42?sig=REDACTED&api-version=7.1 in 0 ms ' +
        '{"set-cookie":"REDACTED","x-ratelimit-remaining":"150"} body 36 B',
    ]);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('logs a failure with the error name and code and rethrows it', async () => {
    const { policy, lines } = aLoggedPolicy();
    const failure = new NetworkError({
      method: 'GET',
      url: 'https://x.test/a',
      operation: 'op',
      code: 'ECONNRESET',
    });

    await expect(
      policy.sendRequest(aRequest({ href: 'https://x.test/a' }), scriptedNext([failure])),
    ).rejects.toBe(failure);

    expect(lines[1]).toBe(
      '<-- failed GET https://x.test/a in 0 ms: NetworkError ECONNRESET: GET https://x.test/a failed: network error ECONNRESET',
    );
  });

  it('never passes anything but strings to the logger and never prints a foreign error message', async () => {
    const { policy, lines } = aLoggedPolicy();
    const secret = crypto.randomUUID();

    await policy.sendRequest(aRequest(), scriptedNext([new Error(`token ${secret}`)])).catch(() => undefined);

    expect(lines.every((line) => typeof line === 'string')).toBe(true);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('applies the extra redaction to each line', async () => {
    const lines: string[] = [];
    const policy = createLogPolicy({
      logger: { debug: (line) => lines.push(line) },
      clock: anInstantClock(),
      redact: (line) => line.replaceAll('projects', '***'),
    });

    await policy.sendRequest(aRequest(), scriptedNext([{}]));

    expect(lines[0]).toContain('/_apis/***?api-version=7.1');
  });
});
