// Bounds each attempt (headers and body) with its own timeout, which also follows the caller's signal. The
// timer runs on the injected Clock so tests step time instead of sleeping. Retries sit outside, so every attempt
// gets a fresh budget.

import type { Clock } from '../../util/clock.js';
import { redactUrl } from '../../redaction/redact.js';
import { isTimeoutError, TimeoutError } from '../errors/timeout-error.js';
import type { HttpPolicy } from '../types.js';

export interface TimeoutPolicyOptions {
  readonly clock: Clock;
  /** Per-attempt timeout in ms. @default 30_000 */
  readonly timeoutMs?: number | undefined;
}

// One reason for every stopped timer: aborting without a reason builds a DOMException, stack trace included, on
// every request (measurable garbage at 10,000 PRs, docs/performance.md).
const ATTEMPT_FINISHED = new Error('the attempt finished before its timeout');

/** Creates the policy. A timed-out attempt rejects with TimeoutError; a caller's abort passes through. */
export function createTimeoutPolicy(options: TimeoutPolicyOptions): HttpPolicy {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    name: 'timeout',
    async sendRequest(request, next) {
      // One controller per attempt, which also stops the timer once the attempt is over: every AbortSignal Node 20
      // makes gets a hidden class of its own, old-generation garbage at 12,500 requests (docs/performance.md).
      const timeout = new AbortController();
      options.clock.sleep(timeoutMs, timeout.signal).then(
        () => timeout.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
        () => undefined, // the attempt finished (or was aborted) first
      );
      // A listener, not AbortSignal.any(): any() would register every attempt with the long-lived run signal.
      const callerSignal = request.signal;
      const forwardAbort = (): void => timeout.abort(callerSignal?.reason);
      if (callerSignal?.aborted) forwardAbort();
      else callerSignal?.addEventListener('abort', forwardAbort, { once: true });
      try {
        return await next({ ...request, signal: timeout.signal });
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
        callerSignal?.removeEventListener('abort', forwardAbort);
        // The answer has been read in full by now, so aborting the attempt's signal only stops its timer.
        if (!timeout.signal.aborted) timeout.abort(ATTEMPT_FINISHED);
      }
    },
  };
}
