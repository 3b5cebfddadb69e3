import { describe, expect, it } from 'vitest';

import { aFixedRandom, anInstantClock, aRequest, scriptedNext } from '../../../test/http/support/builders.js';
import { NetworkError } from '../errors/network-error.js';
import { RateLimitExceededError } from '../errors/rate-limit-exceeded-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createRetryPolicy } from './retry-policy.js';
import type { RetryEvent } from './retry-policy.js';

const call = { method: 'PATCH', url: 'https://dev.azure.com/org/x', operation: 'requeue' } as const;
const PATCH = aRequest({ method: 'PATCH', idempotent: false, body: '{"status":"queued"}' });

function aPolicy(clock = anInstantClock(), events: RetryEvent[] = []) {
  return createRetryPolicy({ clock, random: aFixedRandom(0), onRetry: (event) => events.push(event) });
}

describe('createRetryPolicy', () => {
  it('retries a 429 after the Retry-After delay, slept on the clock', async () => {
    const clock = anInstantClock();
    const next = scriptedNext([{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }]);

    const response = await aPolicy(clock).sendRequest(aRequest(), next);

    expect(response.status).toBe(200);
    expect(next.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([7_000]);
  });

  it('retries a non-idempotent PATCH after a 429 (the server did not act)', async () => {
    const next = scriptedNext([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);

    const response = await aPolicy().sendRequest(PATCH, next);

    expect(response.status).toBe(200);
    expect(next.calls).toHaveLength(2);
  });

  it.each([
    ['a 500', { status: 500 }],
    ['a 503 with Retry-After', { status: 503, headers: { 'retry-after': '1' } }],
    ['a timeout', new TimeoutError({ ...call, timeoutMs: 30_000 })],
    ['a connection reset', new NetworkError({ ...call, code: 'ECONNRESET' })],
  ])('never retries a PATCH after %s (the outcome is unknown)', async (_name, step) => {
    const next = scriptedNext([step, { status: 200 }]);

    const outcome = await aPolicy()
      .sendRequest(PATCH, next)
      .catch((error: unknown) => error);

    expect(next.calls).toHaveLength(1);
    if (step instanceof Error) expect(outcome).toBe(step);
    else expect(outcome).toMatchObject({ status: step.status });
  });

  it('retries a GET after a 503 with exponential backoff and reports each retry', async () => {
    const clock = anInstantClock();
    const events: RetryEvent[] = [];
    const next = scriptedNext([{ status: 503 }, { status: 503 }, { status: 200 }]);

    const response = await aPolicy(clock, events).sendRequest(aRequest(), next);

    expect(response.status).toBe(200);
    expect(clock.sleeps).toEqual([500, 1_000]);
    expect(events).toEqual([
      { attempt: 1, delayMs: 500, reason: 'backoff' },
      { attempt: 2, delayMs: 1_000, reason: 'backoff' },
    ]);
  });

  it('caps attempts and returns the last response', async () => {
    const next = scriptedNext([{ status: 503 }]);

    const response = await createRetryPolicy({ clock: anInstantClock(), maxAttempts: 3 }).sendRequest(
      aRequest(),
      next,
    );

    expect(response.status).toBe(503);
    expect(next.calls).toHaveLength(3);
  });

  it('throws RateLimitExceededError when Retry-After exceeds the cap, without sleeping', async () => {
    const clock = anInstantClock();
    const next = scriptedNext([{ status: 429, headers: { 'retry-after': '3600' } }]);

    const sending = createRetryPolicy({ clock, maxRetryAfterMs: 60_000 }).sendRequest(aRequest(), next);

    await expect(sending).rejects.toThrow(RateLimitExceededError);
    await expect(sending).rejects.toThrow(/wait 3600000 ms, more than the accepted 60000 ms/);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops retrying once the caller aborted', async () => {
    const controller = new AbortController();
    const next = scriptedNext([new NetworkError({ ...call, code: 'ECONNRESET' })]);
    const request = aRequest({ signal: controller.signal });
    controller.abort(new Error('SIGINT'));

    await expect(aPolicy().sendRequest(request, next)).rejects.toBeInstanceOf(NetworkError);
    expect(next.calls).toHaveLength(1);
  });

  it('logs each retry through the logger', async () => {
    const lines: string[] = [];
    const policy = createRetryPolicy({
      clock: anInstantClock(),
      random: aFixedRandom(0),
      logger: { debug: (line) => lines.push(line) },
    });

    await policy.sendRequest(aRequest(), scriptedNext([{ status: 502 }, { status: 200 }]));

    expect(lines).toEqual([
      'retry GET https://dev.azure.com/org/_apis/projects?api-version=7.1 after status 502: attempt 2/4 in 500 ms (backoff)',
    ]);
  });
});
