// The assembled pipeline with a recording transport and fake timers: the shared gate, the
// concurrency limit and their interplay with retries. No sockets, no real sleeping.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createPipeline } from '../../src/http/create-pipeline.js';
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/types.js';
import { systemClock } from '../../src/util/clock.js';
import { aRequest } from './support/builders.js';

const START_MS = Date.UTC(2026, 0, 1);

interface WireCall {
  readonly path: string;
  readonly atMs: number;
}

/** A transport that answers via `answer` after `latencyMs` of fake time and records start times and concurrency. */
function aRecordingTransport(
  answer: (request: HttpRequest, index: number) => Partial<HttpResponse>,
  latencyMs = 10,
): Transport & { readonly calls: WireCall[]; readonly maxInFlight: () => number } {
  const calls: WireCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: Transport = async (request) => {
    const index = calls.length;
    calls.push({ path: request.url.pathname, atMs: Date.now() - START_MS });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await systemClock.sleep(latencyMs);
      return { status: 200, headers: {}, bodyText: '{}', request, ...answer(request, index) };
    } finally {
      inFlight -= 1;
    }
  };
  return Object.assign(transport, { calls, maxInFlight: () => maxInFlight });
}

const ORIGIN = 'https://dev.azure.com';

describe('createPipeline: shared gate and concurrency', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START_MS });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a 429 with Retry-After on one request holds back every later request until that time', async () => {
    const transport = aRecordingTransport((_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '5' } } : { status: 200 },
    );
    const pipeline = createPipeline({ origin: ORIGIN, clock: systemClock, transport, random: () => 0 });
    const first = pipeline.send(aRequest({ href: `${ORIGIN}/first` }));
    await vi.advanceTimersByTimeAsync(20); // the 429 has arrived: the gate is closed until 10 + 5000 ms

    const others = [1, 2, 3].map((n) => pipeline.send(aRequest({ href: `${ORIGIN}/other-${n}` })));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([first, ...others]);

    const sentAfterThrottle = transport.calls.slice(1);
    expect(sentAfterThrottle).toHaveLength(4);
    for (const call of sentAfterThrottle) expect(call.atMs).toBeGreaterThanOrEqual(5_010);
    expect(pipeline.stats()).toMatchObject({ requests: 5, retries: 1 });
    expect(pipeline.stats().throttledMs).toBeGreaterThanOrEqual(5_000);
  });

  it('Retry-After on a 200 closes the gate too', async () => {
    const transport = aRecordingTransport((_request, index) =>
      index === 0 ? { status: 200, headers: { 'retry-after': '3' } } : {},
    );
    const pipeline = createPipeline({ origin: ORIGIN, clock: systemClock, transport });
    const first = pipeline.send(aRequest({ href: `${ORIGIN}/first` }));
    await vi.advanceTimersByTimeAsync(10);

    const second = pipeline.send(aRequest({ href: `${ORIGIN}/second` }));
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([first, second]);

    expect(transport.calls.map((call) => call.atMs)).toEqual([0, 3_010]);
  });

  it('a wait beyond maxRetryAfterMs fails fast with RateLimitExceededError', async () => {
    const transport = aRecordingTransport(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    const pipeline = createPipeline({
      origin: ORIGIN,
      clock: systemClock,
      transport,
      maxRetryAfterMs: 60_000,
    });

    const sending = pipeline.send(aRequest()).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);

    await expect(sending).resolves.toMatchObject({ name: 'RateLimitExceededError', waitMs: 120_000 });
    expect(transport.calls).toHaveLength(1);
  });

  it('never has more than `concurrency` requests in flight', async () => {
    const transport = aRecordingTransport(() => ({}), 50);
    const pipeline = createPipeline({ origin: ORIGIN, clock: systemClock, transport, concurrency: 3 });

    const all = Array.from({ length: 20 }, (_, n) => pipeline.send(aRequest({ href: `${ORIGIN}/${n}` })));
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(all);

    expect(transport.maxInFlight()).toBe(3);
    expect(transport.calls).toHaveLength(20);
  });

  it('a request sleeping before its retry holds no slot', async () => {
    const transport = aRecordingTransport((request, index) =>
      request.url.pathname === '/flaky' && index === 0 ? { status: 503 } : {},
    );
    const pipeline = createPipeline({
      origin: ORIGIN,
      clock: systemClock,
      transport,
      concurrency: 1,
      retryBaseDelayMs: 1_000,
      random: () => 0,
    });

    const flaky = pipeline.send(aRequest({ href: `${ORIGIN}/flaky` }));
    await vi.advanceTimersByTimeAsync(10); // the 503 arrived; the retry sleeps 500 ms
    const other = pipeline.send(aRequest({ href: `${ORIGIN}/other` }));
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all([flaky, other]);

    expect(transport.calls).toEqual([
      { path: '/flaky', atMs: 0 },
      { path: '/other', atMs: 10 },
      { path: '/flaky', atMs: 510 },
    ]);
  });

  it('times out a slow attempt after requestTimeoutMs and retries an idempotent request', async () => {
    const transport: Transport = (request) =>
      new Promise((_resolve, reject) => {
        request.signal?.addEventListener('abort', () => reject(request.signal?.reason as Error));
      });
    const pipeline = createPipeline({
      origin: ORIGIN,
      clock: systemClock,
      transport,
      requestTimeoutMs: 1_000,
      maxAttempts: 2,
      random: () => 0,
    });

    const sending = pipeline.send(aRequest()).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(3_000);

    await expect(sending).resolves.toMatchObject({ name: 'TimeoutError', timeoutMs: 1_000 });
    expect(pipeline.stats()).toMatchObject({ requests: 2, retries: 1 });
  });
});
