// Errors carry no secrets: String(err), JSON.stringify(err), util.inspect(err), the stack and the whole
// cause chain are clean of a random canary, whichever credential form it had (security-checklist.md B8).
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { createHttpError } from '../../src/http/create-http-error.js';
import { createFetchTransport } from '../../src/http/fetch-transport.js';
import { NetworkError } from '../../src/http/errors/network-error.js';
import { TimeoutError } from '../../src/http/errors/timeout-error.js';
import { RateLimitExceededError } from '../../src/http/errors/rate-limit-exceeded-error.js';
import { createSecretRegistry } from '../../src/redaction/secret-registry.js';
import { anOpaqueToken } from './support/secret-fixtures.js';
import { aRequest, aResponse } from './support/builders.js';

/** Every way an error can end up printed or shipped. */
function renderEverything(error: unknown): string {
  const parts = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? '', String(current), JSON.stringify(current));
  }
  return parts.join('\n');
}

function aCanaryRegistry() {
  const canary = anOpaqueToken();
  const registry = createSecretRegistry();
  registry.add(canary);
  const basic = Buffer.from(`:${canary}`).toString('base64');
  return { canary, basic, registry };
}

describe('pipeline errors never contain a credential', () => {
  it('HttpError built from a request with credentials in headers, query and userinfo, and an echoing server', () => {
    const { canary, basic, registry } = aCanaryRegistry();
    const request = aRequest({
      method: 'PATCH',
      href: `https://u:${canary}@dev.azure.com/org/p/_apis/policy/evaluations/7?sig=${canary}&api-version=7.1`,
      headers: { authorization: `Basic ${basic}`, cookie: `s=${canary}` },
      body: canary,
      operation: 'requeue check',
    });
    const response = aResponse(request, {
      status: 404,
      bodyText: JSON.stringify({
        message: `TF1: token ${canary} / Authorization: Basic ${basic} is not valid`,
        typeKey: 'PolicyEvaluationNotFoundException',
      }),
    });

    const error = createHttpError(response, { redact: registry.redact });

    expect(error.message).toBe(
      'PATCH https://REDACTED@dev.azure.com/org/p/_apis/policy/evaluations/7?sig=REDACTED&api-version=7.1 ' +
        'failed with 404 Not Found: TF1: token *** / Authorization: Basic *** is not valid',
    );
    expect(error).toMatchObject({
      status: 404,
      typeKey: 'PolicyEvaluationNotFoundException',
      operation: 'requeue check',
    });
    const rendered = renderEverything(error);
    expect(rendered).not.toContain(canary);
    expect(rendered).not.toContain(basic);
  });

  it('NetworkError whose cause chain quotes the credential', () => {
    const { canary, basic, registry } = aCanaryRegistry();
    const root = Object.assign(new Error(`connect failed for Authorization: Basic ${basic} ${canary}`), {
      code: 'ECONNRESET',
      config: { headers: { authorization: canary } },
    });
    const middle = new TypeError('fetch failed', { cause: root });

    const error = new NetworkError({
      method: 'GET',
      url: 'https://h.test/x',
      operation: 'list',
      code: 'ECONNRESET',
      cause: middle,
      redact: registry.redact,
    });

    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).cause).toMatchObject({ code: 'ECONNRESET' });
    const rendered = renderEverything(error);
    expect(rendered).not.toContain(canary);
    expect(rendered).not.toContain(basic);
  });

  it('TimeoutError and RateLimitExceededError with non-Error causes', () => {
    const { canary } = aCanaryRegistry();
    const jwtLike = `eyJ${Buffer.from(canary).toString('base64url')}.eyJzdWIiOiJ4In0.sig`;

    const errors = [
      new TimeoutError({
        method: 'GET',
        url: 'https://h.test/x',
        operation: 'list',
        cause: `aborted ${jwtLike}`,
      }),
      new RateLimitExceededError({ waitMs: 2, maxWaitMs: 1, cause: { token: canary } }),
    ];

    for (const error of errors) {
      const rendered = renderEverything(error);
      expect(rendered).not.toContain(canary);
      expect(rendered).not.toContain(jwtLike);
    }
  });

  it('a transport failure against a closed port, with the credential in the request', async () => {
    const { canary, registry } = aCanaryRegistry();
    const request = aRequest({
      href: `http://127.0.0.1:9/x?token=${canary}`,
      headers: { authorization: `Bearer ${canary}` },
    });

    const error = await createFetchTransport({ redact: registry.redact })(request).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect(renderEverything(error)).not.toContain(canary);
  });
});
