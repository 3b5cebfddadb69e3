// Fixture builders with defaults and small test doubles for the HTTP pipeline's unit tests.

import type { HttpRequest, HttpResponse, SendRequest } from '../../../src/http/types.js';
import type { Clock } from '../../../src/util/clock.js';

/** A GET to https://dev.azure.com/org/_apis/projects, idempotent, unless overridden. */
export function aRequest(overrides: Partial<HttpRequest> & { readonly href?: string } = {}): HttpRequest {
  const { href, ...rest } = overrides;
  return {
    method: 'GET',
    url: new URL(href ?? 'https://dev.azure.com/org/_apis/projects?api-version=7.1'),
    headers: {},
    idempotent: true,
    operation: 'list projects',
    ...rest,
  };
}

/** A 200 with an empty JSON object, answering `request`, unless overridden. */
export function aResponse(
  request: HttpRequest,
  overrides: Partial<Omit<HttpResponse, 'request'>> = {},
): HttpResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    bodyText: '{}',
    request,
    ...overrides,
  };
}

export type ScriptStep = Partial<Omit<HttpResponse, 'request'>> | Error;

/** A `next` that plays back `steps` in order (the last repeats) and records each request it got. */
export function scriptedNext(steps: readonly ScriptStep[]): SendRequest & { readonly calls: HttpRequest[] } {
  const calls: HttpRequest[] = [];
  const send = (request: HttpRequest): Promise<HttpResponse> => {
    const step = steps[Math.min(calls.length, steps.length - 1)];
    calls.push(request);
    if (step instanceof Error) return Promise.reject(step);
    return Promise.resolve(aResponse(request, step));
  };
  return Object.assign(send, { calls });
}

/** A clock whose sleeps return at once and move time forward; it records every sleep. */
export function anInstantClock(startMs = Date.UTC(2026, 0, 1)): Clock & { readonly sleeps: number[] } {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => nowMs,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      sleeps.push(ms);
      nowMs += ms;
      return Promise.resolve();
    },
  };
}

/** A random source that always returns `value` (0 → minimum jitter, 0.999… → maximum). */
export function aFixedRandom(value: number): () => number {
  return () => value;
}
