import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { systemClock } from '../util/clock.js';
import { RateLimitExceededError } from './errors/rate-limit-exceeded-error.js';
import { createRateLimitGate } from './rate-limit-gate.js';

describe('createRateLimitGate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is open at first', async () => {
    const gate = createRateLimitGate({ clock: systemClock });

    await expect(gate.waitUntilOpen()).resolves.toBe(0);
  });

  it.each([429, 503, 200])('closes for everyone on Retry-After with status %i', async (status) => {
    const gate = createRateLimitGate({ clock: systemClock });
    gate.observe({ status, headers: { 'retry-after': '10' } });
    const opened: number[] = [];
    const waiters = [gate.waitUntilOpen(), gate.waitUntilOpen()].map((waiting) =>
      waiting.then(() => opened.push(Date.now())),
    );

    await vi.advanceTimersByTimeAsync(9_999);
    expect(opened).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(waiters);

    expect(opened).toEqual([Date.UTC(2026, 0, 1) + 10_000, Date.UTC(2026, 0, 1) + 10_000]);
  });

  it('fails fast when the gate is closed for longer than the cap', async () => {
    const gate = createRateLimitGate({ clock: systemClock, maxWaitMs: 5_000 });
    gate.observe({ status: 200, headers: { 'retry-after': '6' } });

    await expect(gate.waitUntilOpen()).rejects.toThrow(RateLimitExceededError);
  });

  it('spaces request starts while X-RateLimit-Delay is present', async () => {
    const gate = createRateLimitGate({ clock: systemClock, lowRemainingSpacingMs: 100 });
    gate.observe({ status: 200, headers: { 'x-ratelimit-delay': '0.75' } });
    const starts: number[] = [];
    const waiters = [1, 2, 3].map(() =>
      gate.waitUntilOpen().then(() => starts.push(Date.now() - Date.UTC(2026, 0, 1))),
    );

    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(waiters);

    expect(starts).toEqual([0, 750, 1_500]);
  });

  it('spaces request starts while X-RateLimit-Remaining is under 10% of the limit, and stops once it recovers', async () => {
    const gate = createRateLimitGate({ clock: systemClock, lowRemainingSpacingMs: 200 });
    gate.observe({ status: 200, headers: { 'x-ratelimit-remaining': '19', 'x-ratelimit-limit': '200' } });

    await gate.waitUntilOpen();
    const second = gate.waitUntilOpen();
    await vi.advanceTimersByTimeAsync(200);
    await expect(second).resolves.toBe(200);

    gate.observe({ status: 200, headers: { 'x-ratelimit-remaining': '150', 'x-ratelimit-limit': '200' } });
    await expect(gate.waitUntilOpen()).resolves.toBe(0);
  });

  it('releases requests already waiting on a spaced start once the budget recovers', async () => {
    const gate = createRateLimitGate({ clock: systemClock });
    gate.observe({ status: 200, headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-limit': '200' } });
    const startedAt: number[] = [];
    const waiters = [1, 2, 3, 4].map(() => gate.waitUntilOpen().then(() => startedAt.push(Date.now())));
    await vi.advanceTimersByTimeAsync(0);
    expect(startedAt).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(100);
    gate.observe({ status: 200, headers: { 'x-ratelimit-remaining': '190', 'x-ratelimit-limit': '200' } });
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(waiters);

    const start = Date.UTC(2026, 0, 1);
    expect(startedAt).toEqual([start, start + 100, start + 100, start + 100]);
  });

  it('rejects a waiter whose signal aborts', async () => {
    const gate = createRateLimitGate({ clock: systemClock });
    gate.observe({ status: 200, headers: { 'retry-after': '30' } });
    const controller = new AbortController();
    const waiting = gate.waitUntilOpen(controller.signal);

    controller.abort(new Error('cancelled'));

    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('keeps the state per instance', async () => {
    const throttled = createRateLimitGate({ clock: systemClock });
    const other = createRateLimitGate({ clock: systemClock });
    throttled.observe({ status: 429, headers: { 'retry-after': '30' } });

    await expect(other.waitUntilOpen()).resolves.toBe(0);
  });
});
