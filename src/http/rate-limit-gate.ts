// Shared rate-limit state of one client instance (never module state): every request awaits the gate
// before it is sent, and every response is shown to it. Rules from
// https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits :
// - `Retry-After` (on a 429, a 503 or even a 200) closes the gate for every request until that time;
// - `X-RateLimit-Delay` (the server is already delaying us) or a low `X-RateLimit-Remaining` spaces out
//   request starts; without either header (they come only near the limit) the spacing returns to 0.
// The shape follows renovate's per-host retry-after and throttle (STYLE.md §1.5, §2 guideline 3).

import type { Clock } from '../util/clock.js';
import { RateLimitExceededError } from './errors/rate-limit-exceeded-error.js';
import { parseRateLimitHeaders, parseRetryAfter } from './retry-after.js';
import type { HttpResponse } from './types.js';

export interface RateLimitGateOptions {
  readonly clock: Clock;
  /** The longest wait at the gate we accept before failing fast, in ms. @default 60_000 */
  readonly maxWaitMs?: number | undefined;
  /** Spacing between request starts while the remaining budget is low, in ms. @default 500 */
  readonly lowRemainingSpacingMs?: number;
  /** Below this fraction of `X-RateLimit-Limit`, the remaining budget counts as low. @default 0.1 */
  readonly lowRemainingRatio?: number;
  /** Upper bound of the spacing taken from `X-RateLimit-Delay`, in ms. @default 5_000 */
  readonly maxSpacingMs?: number;
}

export interface RateLimitGate {
  /** Resolves with the ms waited once a request may start; throws RateLimitExceededError beyond the cap. */
  waitUntilOpen(signal?: AbortSignal): Promise<number>;
  /** Learns from a response's headers. */
  observe(response: Pick<HttpResponse, 'status' | 'headers'>): void;
}

/** Creates an open gate with no spacing. */
export function createRateLimitGate(options: RateLimitGateOptions): RateLimitGate {
  const { clock } = options;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const lowRemainingSpacingMs = options.lowRemainingSpacingMs ?? 500;
  const lowRemainingRatio = options.lowRemainingRatio ?? 0.1;
  const maxSpacingMs = options.maxSpacingMs ?? 5_000;
  let closedUntilMs = 0;
  let spacingMs = 0;
  let nextStartMs = 0;
  // Aborted when the spacing drops to 0: requests sleeping on a start time reserved under the old spacing wake
  // and go at once instead of keeping a pace the server no longer asks for.
  let wakeSpaced = new AbortController();

  async function wait(waitMs: number, signal: AbortSignal | undefined): Promise<void> {
    if (waitMs > maxWaitMs) throw new RateLimitExceededError({ waitMs, maxWaitMs });
    await clock.sleep(waitMs, signal);
  }

  /** Sleeps until a reserved start; resolves true when woken early because the spacing ended. */
  async function waitForStart(waitMs: number, signal: AbortSignal | undefined): Promise<boolean> {
    const wake = wakeSpaced.signal;
    try {
      await wait(waitMs, signal ? AbortSignal.any([signal, wake]) : wake);
      return false;
    } catch (error) {
      if (wake.aborted && signal?.aborted !== true) return true;
      throw error;
    }
  }

  function computeSpacingMs(response: Pick<HttpResponse, 'headers'>): number {
    const { delayMs, remaining, limit } = parseRateLimitHeaders(response.headers);
    if (delayMs !== undefined && delayMs > 0) {
      return Math.min(maxSpacingMs, Math.max(delayMs, lowRemainingSpacingMs));
    }
    if (remaining === undefined) return 0;
    const isLow = limit !== undefined && limit > 0 ? remaining < limit * lowRemainingRatio : remaining === 0;
    return isLow ? lowRemainingSpacingMs : 0;
  }

  return {
    async waitUntilOpen(signal) {
      let waitedMs = 0;
      for (;;) {
        const nowMs = clock.now();
        const closedForMs = closedUntilMs - nowMs;
        if (closedForMs > 0) {
          await wait(closedForMs, signal);
          waitedMs += closedForMs;
          continue;
        }
        // Reserve a start time so concurrent callers are spaced, not released together.
        const startMs = Math.max(nowMs, nextStartMs);
        nextStartMs = startMs + spacingMs;
        if (startMs === nowMs) return waitedMs;
        const woken = await waitForStart(startMs - nowMs, signal);
        waitedMs += clock.now() - nowMs;
        if (!woken && closedUntilMs <= clock.now()) return waitedMs;
      }
    },
    observe(response) {
      const nowMs = clock.now();
      const retryAfterMs = parseRetryAfter(response.headers, nowMs);
      if (retryAfterMs !== undefined) closedUntilMs = Math.max(closedUntilMs, nowMs + retryAfterMs);
      const previousSpacingMs = spacingMs;
      spacingMs = computeSpacingMs(response);
      if (spacingMs > 0 || previousSpacingMs === 0) return;
      // The budget recovered: stop spacing, including the requests already waiting on a reserved start.
      nextStartMs = 0;
      wakeSpaced.abort();
      wakeSpaced = new AbortController();
    },
  };
}
