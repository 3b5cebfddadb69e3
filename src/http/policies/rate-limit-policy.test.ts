import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { aRequest, scriptedNext } from '../../../test/http/support/builders.js';
import { systemClock } from '../../util/clock.js';
import { RateLimitExceededError } from '../errors/rate-limit-exceeded-error.js';
import { createRateLimitGate } from '../rate-limit-gate.js';
import { createRateLimitPolicy } from './rate-limit-policy.js';

describe('createRateLimitPolicy', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows every response to the gate and makes the next request wait, reporting the wait', async () => {
    const waits: number[] = [];
    const policy = createRateLimitPolicy({
      gate: createRateLimitGate({ clock: systemClock }),
      onWait: (ms) => waits.push(ms),
    });
    const next = scriptedNext([{ status: 200, headers: { 'retry-after': '2' } }, { status: 200 }]);
    await policy.sendRequest(aRequest(), next);

    const second = policy.sendRequest(aRequest(), next);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(next.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await second;

    expect(next.calls).toHaveLength(2);
    expect(waits).toEqual([2_000]);
  });

  it('fails fast, naming the request, when the gate is closed beyond the cap', async () => {
    const gate = createRateLimitGate({ clock: systemClock, maxWaitMs: 1_000 });
    gate.observe({ status: 200, headers: { 'retry-after': '5' } });
    const next = scriptedNext([{}]);

    const sending = createRateLimitPolicy({ gate }).sendRequest(aRequest({ method: 'PATCH' }), next);

    await expect(sending).rejects.toThrow(RateLimitExceededError);
    await expect(sending).rejects.toThrow(
      /^PATCH https:\/\/dev\.azure\.com\/org\/_apis\/projects\?api-version=7\.1: rate limited/,
    );
    expect(next.calls).toHaveLength(0);
  });

  it("rethrows the caller's abort while waiting", async () => {
    const gate = createRateLimitGate({ clock: systemClock });
    gate.observe({ status: 429, headers: { 'retry-after': '5' } });
    const controller = new AbortController();
    const sending = createRateLimitPolicy({ gate }).sendRequest(
      aRequest({ signal: controller.signal }),
      scriptedNext([{}]),
    );

    controller.abort(new Error('SIGINT'));

    await expect(sending).rejects.toThrow('SIGINT');
  });
});
