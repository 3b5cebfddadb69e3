// Every fault mode: latency, throttling with windows, rate-limit headers, 5xx, resets, body corruption, redirects.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, record } from './support/emulator-http.js';

let emu: RunningEmulator;
let requeuePath: string;
let evaluationId: string;

beforeAll(async () => {
  emu = await startEmulator();
});

afterAll(async () => {
  await emu.close();
});

beforeEach(() => {
  emu.control.reset();
  const evaluation = emu.control.state().evaluations.find((e) => e.isBuild && e.buildStatus === 'completed');
  evaluationId = evaluation?.evaluationId ?? '';
  requeuePath = `/${evaluation?.projectId ?? ''}/_apis/policy/evaluations/${evaluationId}`;
});

function patch() {
  return call(emu, requeuePath, { method: 'PATCH', version: '7.1-preview.1', body: 'null' });
}

describe('latency and rate limits (§6)', () => {
  it('delays every answer by the configured latency', async () => {
    emu.control.setLatency(150);

    const started = Date.now();
    await call(emu, '/_apis/projects');

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('throttles an identity after N requests with 429, Retry-After and X-RateLimit-*, and records the window', async () => {
    emu.control.setFaults({ throttle: { afterRequests: 2, retryAfterSeconds: 30, identity: 'job' } });

    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(emu, '/_apis/projects')).status);
    const blocked = await call(emu, '/_apis/projects');
    const otherIdentity = await call(emu, '/_apis/projects', { token: 'pat' });

    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(String(record(blocked.json)['message'])).toMatch(/^TF400733: /);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const name of ['resource', 'delay', 'limit', 'remaining', 'reset']) {
      expect(blocked.headers.get(`x-ratelimit-${name}`)).not.toBeNull();
    }
    expect(otherIdentity.status).toBe(200);
    const [window] = emu.control.retryAfterWindows();
    expect(window).toMatchObject({ token: 'job', seconds: 30, status: 429, reason: 'throttle' });
    const log = emu.control.requestLog();
    expect(log.filter((e) => e.inRetryAfterWindow).map((e) => e.seq)).toEqual(
      log.slice(3, 5).map((e) => e.seq),
    );
  });

  it('sends Retry-After on a 200 and low X-RateLimit-Remaining with X-RateLimit-Delay when asked', async () => {
    emu.control.setFaults({
      retryAfterOn200: { retryAfterSeconds: 2, count: 1 },
      rateLimitHeaders: { remaining: 3, delaySeconds: 1.5 },
    });

    const first = await call(emu, '/_apis/projects');
    const second = await call(emu, '/_apis/projects');

    expect(first.status).toBe(200);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(second.headers.get('retry-after')).toBeNull();
    expect(second.headers.get('x-ratelimit-remaining')).toBe('3');
    expect(second.headers.get('x-ratelimit-delay')).toBe('1.500');
    expect(emu.control.retryAfterWindows()).toHaveLength(1);
  });
});

describe('request faults', () => {
  it.each([500, 502, 503, 504])(
    'answers %i on matching requests for a count, without acting',
    async (status) => {
      emu.control.setFaults({
        requests: [
          {
            kind: 'status',
            status,
            method: 'PATCH',
            path: 'policy/evaluations',
            count: 1,
            retryAfterSeconds: 1,
          },
        ],
      });

      const failed = await patch();
      const retried = await patch();

      expect(failed.status).toBe(status);
      expect(failed.headers.get('retry-after')).toBe('1');
      expect(retried.status).toBe(200);
      expect(emu.control.requeues()).toHaveLength(1);
    },
  );

  it('resets the connection before acting', async () => {
    emu.control.setFaults({ requests: [{ kind: 'reset', method: 'PATCH', count: 1 }] });

    await expect(patch()).rejects.toThrow();

    expect(emu.control.requeues()).toEqual([]);
    expect(emu.control.requestLog().at(-1)).toMatchObject({ status: 0, fault: 'reset' });
  });

  it('acts and then drops the connection without answering', async () => {
    emu.control.setFaults({ requests: [{ kind: 'applyThenDrop', method: 'PATCH', count: 1 }] });

    await expect(patch()).rejects.toThrow();

    expect(emu.control.requeues().map((r) => r.evaluationId)).toEqual([evaluationId]);
  });

  it.each([
    ['huge', (text: string) => text.length >= 1_000_000 && JSON.parse(text) !== null],
    ['truncated', (text: string) => text.length > 0 && !isJson(text)],
    ['nonJson', (text: string) => !isJson(text)],
    ['html', (text: string) => text.includes('<html')],
  ] as const)('corrupts the body with %s', async (kind, check) => {
    emu.control.setFaults({ requests: [{ kind, path: '_apis/projects', hugeBytes: 1_000_000 }] });

    const answer = await call(emu, '/_apis/projects');

    expect(answer.status).toBe(200);
    expect(check(answer.text)).toBe(true);
  });

  it('nulls evaluation contexts', async () => {
    emu.control.setFaults({ requests: [{ kind: 'nullContext', path: 'policy/evaluations' }] });

    const answer = await call(emu, requeuePath, { version: '7.1-preview.1' });

    expect(record(answer.json)['context']).toBeNull();
  });

  it('redirects to or links another origin', async () => {
    emu.control.setFaults({
      requests: [
        { kind: 'redirect', status: 307, origin: 'http://127.0.0.1:1', path: 'projects/' },
        { kind: 'foreignLinks', origin: 'http://127.0.0.1:2', path: '_apis/projects' },
      ],
    });

    const redirected = await call(emu, '/_apis/projects/Platform', { redirect: 'manual' });
    const linked = await call(emu, '/_apis/projects');

    expect(redirected.status).toBe(307);
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:1/fabrikam/_apis/projects/Platform');
    expect(record(record(record(linked.json)['_links'])['self'])['href']).toBe(
      'http://127.0.0.1:2/fabrikam/_apis/projects',
    );
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
