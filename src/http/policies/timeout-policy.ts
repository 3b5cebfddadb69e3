// Bounds each attempt (headers and body) with its own timeout, combined with the caller's signal via
// AbortSignal.any (Node ≥ 20.3). The timer runs on the injected Clock so tests step time instead of
// sleeping. Retries sit outside, so every attempt gets a fresh budget.

import type { Clock } from '../../util/clock.js';
import { redactUrl } from '../../redaction/redact.js';
import { isTimeoutError, TimeoutError } from '../errors/timeout-error.js';
import type { HttpPolicy } from '../types.js';

export interface TimeoutPolicyOptions {
  readonly clock: Clock;
  /** Per-attempt timeout in ms. @default 30_000 */
  readonly timeoutMs?: number;
}

/** Creates the policy. A timed-out attempt rejects with TimeoutError; a caller's abort passes through. */
export function createTimeoutPolicy(options: TimeoutPolicyOptions): HttpPolicy {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    name: 'timeout',
    async sendRequest(request, next) {
      const timeout = new AbortController();
      const stopTimer = new AbortController();
      options.clock.sleep(timeoutMs, stopTimer.signal).then(
        () => timeout.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
        () => undefined, // the timer was stopped because the attempt finished
      );
      const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
      try {
        return await next({ ...request, signal });
      } catch (error) {
        // A layer below may surface the abort in its own way; normalise it unless the caller aborted.
        if (timeout.signal.aborted && !request.signal?.aborted && !isTimeoutError(error)) {
          throw new TimeoutError({
            method: request.method,
            url: redactUrl(request.url),
            operation: request.operation,
            timeoutMs,
            cause: error,
          });
        }
        throw error;
      } finally {
        stopTimer.abort();
      }
    },
  };
}
