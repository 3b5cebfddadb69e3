// The retry loop: sends, asks decideRetry, sleeps on the injected Clock (abortable), repeats.
// All judgement lives in ../decide-retry.ts; this file only loops, sleeps, reports and logs
// (STYLE.md §2 guideline 2; Azure core-rest-pipeline retryPolicy.ts).

import type { Clock } from '../../util/clock.js';
import { redactUrl } from '../../redaction/redact.js';
import { decideRetry, DEFAULT_RETRY_OPTIONS } from '../decide-retry.js';
import type { RetryDecision, RetryOptions } from '../decide-retry.js';
import { RateLimitExceededError } from '../errors/rate-limit-exceeded-error.js';
import { parseRetryAfter } from '../retry-after.js';
import type { HttpPolicy, HttpRequest, HttpResponse } from '../types.js';
import type { HttpLogger } from './log-policy.js';

/** What the loop reports before each sleep, e.g. for statistics. */
export interface RetryEvent {
  /** The attempt that just failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: 'retry-after' | 'backoff';
}

/** Each retry option may be left out or given as undefined: both mean its default. */
type RetryOptionsOrDefaults = { readonly [K in keyof RetryOptions]?: RetryOptions[K] | undefined };

export interface RetryPolicyOptions extends RetryOptionsOrDefaults {
  readonly clock: Clock;
  readonly logger?: HttpLogger;
  readonly onRetry?: (event: RetryEvent) => void;
}

type Outcome = { readonly response: HttpResponse } | { readonly error: unknown };

/** Creates the policy. After the last attempt the last response is returned or the last error thrown. */
export function createRetryPolicy(options: RetryPolicyOptions): HttpPolicy {
  const { clock, logger, onRetry } = options;
  const retryOptions: RetryOptions = {
    maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_OPTIONS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_RETRY_OPTIONS.maxRetryAfterMs,
    random: options.random ?? DEFAULT_RETRY_OPTIONS.random,
  };
  return {
    name: 'retry',
    async sendRequest(request, next) {
      for (let attempt = 1; ; attempt++) {
        const outcome = await next(request).then(
          (response): Outcome => ({ response }),
          (error: unknown): Outcome => ({ error }),
        );
        const response = 'response' in outcome ? outcome.response : undefined;
        const error = 'error' in outcome ? outcome.error : undefined;
        // The caller gave up (run timeout, SIGINT): report what happened, never try again.
        if (request.signal?.aborted || request.waitSignal?.aborted) return settle(outcome);
        const retryAfterMs = response ? parseRetryAfter(response.headers, clock.now()) : undefined;
        const decision = decideRetry({
          attempt,
          request,
          options: retryOptions,
          ...(response ? { response } : { error }),
          retryAfterMs,
        });
        if (!decision.retry) {
          if (decision.reason === 'retry-after-too-long' && retryAfterMs !== undefined) {
            throw tooLongWait(request, retryAfterMs, retryOptions.maxRetryAfterMs);
          }
          return settle(outcome);
        }
        logger?.debug(
          describeRetry(request, attempt, retryOptions.maxAttempts, decision, response?.status, error),
        );
        onRetry?.({ attempt, delayMs: decision.delayMs, reason: decision.reason });
        try {
          await clock.sleep(decision.delayMs, request.waitSignal ?? request.signal);
        } catch (stopped) {
          // Stopped during the backoff: the last attempt's outcome is the answer.
          if (request.signal?.aborted !== true && request.waitSignal?.aborted === true)
            return settle(outcome);
          throw stopped;
        }
      }
    },
  };
}

function settle(outcome: Outcome): HttpResponse {
  if ('error' in outcome) throw outcome.error;
  return outcome.response;
}

function tooLongWait(request: HttpRequest, waitMs: number, maxWaitMs: number): RateLimitExceededError {
  return new RateLimitExceededError({
    waitMs,
    maxWaitMs,
    method: request.method,
    url: redactUrl(request.url),
  });
}

function describeRetry(
  request: HttpRequest,
  attempt: number,
  maxAttempts: number,
  decision: Extract<RetryDecision, { retry: true }>,
  status: number | undefined,
  error: unknown,
): string {
  const cause = status === undefined ? errorCodeOf(error) : `status ${status}`;
  return `retry ${request.method} ${redactUrl(request.url)} after ${cause}: attempt ${attempt + 1}/${maxAttempts} in ${decision.delayMs} ms (${decision.reason})`;
}

function errorCodeOf(error: unknown): string {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'error';
}
