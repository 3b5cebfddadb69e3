import { describe, expect, it } from 'vitest';

import { decideRetry, DEFAULT_RETRY_OPTIONS } from './decide-retry.js';
import type { RetryOptions } from './decide-retry.js';
import { HttpError } from './errors/http-error.js';
import { InsecureTransportError } from './errors/insecure-transport-error.js';
import { NetworkError } from './errors/network-error.js';
import { TimeoutError } from './errors/timeout-error.js';

const options: RetryOptions = {
  ...DEFAULT_RETRY_OPTIONS,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  random: () => 0.5,
};
const call = { method: 'GET', url: 'https://x.test/a', operation: 'op' } as const;
const reset = new NetworkError({ ...call, code: 'ECONNRESET' });
const refused = new NetworkError({ ...call, code: 'ECONNREFUSED' });
const timeout = new TimeoutError({ ...call, timeoutMs: 30_000 });
const GET = { idempotent: true };
const PATCH = { idempotent: false };

describe('decideRetry', () => {
  it.each([
    [408, GET, true],
    [429, GET, true],
    [500, GET, true],
    [502, GET, true],
    [503, GET, true],
    [504, GET, true],
    [200, GET, false],
    [302, GET, false],
    [400, GET, false],
    [401, GET, false],
    [404, GET, false],
    [501, GET, false],
    [505, GET, false],
    [429, PATCH, true],
    [408, PATCH, false],
    [500, PATCH, false],
    [503, PATCH, false],
    [504, PATCH, false],
  ])('status %i, idempotent %o → retry %s', (status, request, expected) => {
    expect(decideRetry({ attempt: 1, request, response: { status }, options }).retry).toBe(expected);
  });

  it.each([
    ['ECONNRESET', reset, GET, true],
    ['timeout', timeout, GET, true],
    ['ECONNRESET', reset, PATCH, false],
    ['timeout', timeout, PATCH, false],
    ['ECONNREFUSED (never reached the server)', refused, PATCH, true],
    ['insecure transport', new InsecureTransportError({ url: 'http://x', operation: 'op' }), GET, false],
    ['an unbuildable request', new NetworkError({ ...call, code: 'ERR_INVALID_REQUEST' }), GET, false],
    ['an HttpError', new HttpError({ ...call, status: 500 }), GET, false],
    ['a foreign error', new Error('boom'), GET, false],
    ['a caller abort', new DOMException('aborted', 'AbortError'), GET, false],
  ])('error %s, idempotent %o → retry %s', (_name, error, request, expected) => {
    expect(decideRetry({ attempt: 1, request, error, options }).retry).toBe(expected);
  });

  it('names why an unknown outcome of a non-idempotent request is not retried', () => {
    expect(decideRetry({ attempt: 1, request: PATCH, response: { status: 503 }, options })).toEqual({
      retry: false,
      reason: 'outcome-unknown',
    });
  });

  it.each([
    [1, 0, 500],
    [1, 0.999_999, 1_000],
    [2, 0.5, 1_500],
    [3, 0.5, 3_000],
    [4, 0, 4_000],
    [6, 0.999_999, 8_000],
  ])(
    'attempt %i with random %f waits %i ms (capped exponential, equal jitter)',
    (attempt, random, delayMs) => {
      const decision = decideRetry({
        attempt,
        request: GET,
        response: { status: 503 },
        options: { ...options, maxAttempts: 10, random: () => random },
      });

      expect(decision).toEqual({ retry: true, delayMs, reason: 'backoff' });
    },
  );

  it('honours Retry-After exactly, on any retryable status', () => {
    const decision = decideRetry({
      attempt: 1,
      request: PATCH,
      response: { status: 429 },
      retryAfterMs: 7_000,
      options,
    });

    expect(decision).toEqual({ retry: true, delayMs: 7_000, reason: 'retry-after' });
  });

  it('refuses a Retry-After longer than maxRetryAfterMs', () => {
    const decision = decideRetry({
      attempt: 1,
      request: GET,
      response: { status: 429 },
      retryAfterMs: 60_001,
      options,
    });

    expect(decision).toEqual({ retry: false, reason: 'retry-after-too-long' });
  });

  it('stops after maxAttempts', () => {
    const decision = decideRetry({ attempt: 4, request: GET, response: { status: 503 }, options });

    expect(decision).toEqual({ retry: false, reason: 'attempts-exhausted' });
  });

  it('ignores Retry-After on a status that is not retried (the gate handles it)', () => {
    const decision = decideRetry({
      attempt: 1,
      request: GET,
      response: { status: 200 },
      retryAfterMs: 999_999,
      options,
    });

    expect(decision).toEqual({ retry: false, reason: 'not-retryable' });
  });
});
