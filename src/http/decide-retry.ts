// Pure retry decision: given one attempt's outcome, retry or not, and after how long. The loop that
// acts on it is policies/retry-policy.ts (STYLE.md §2 guideline 2; Azure core-rest-pipeline's
// exponentialRetryStrategy / throttlingRetryStrategy; ky's retry options).

import { isAzdoRequeueHttpError } from './errors/azdo-requeue-http-error.js';
import { isNetworkError } from './errors/network-error.js';
import { isTimeoutError } from './errors/timeout-error.js';
import type { HttpRequest, HttpResponse } from './types.js';

export interface RetryOptions {
  /** Attempts in total, the first included. @default 4 */
  readonly maxAttempts: number;
  /** Backoff before the second attempt, doubled per attempt, in ms. @default 1_000 */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff delay, in ms. @default 30_000 */
  readonly maxDelayMs: number;
  /** The longest server-requested wait we accept; beyond it the call fails fast. @default 60_000 */
  readonly maxRetryAfterMs: number;
  /** Uniform random numbers in [0, 1) for jitter. @default Math.random */
  readonly random: () => number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

export type RetryDecision =
  | {
      readonly retry: false;
      readonly reason: 'not-retryable' | 'outcome-unknown' | 'attempts-exhausted' | 'retry-after-too-long';
    }
  | { readonly retry: true; readonly delayMs: number; readonly reason: 'retry-after' | 'backoff' };

export interface RetryInput {
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly request: Pick<HttpRequest, 'idempotent'>;
  readonly response?: Pick<HttpResponse, 'status'>;
  readonly error?: unknown;
  /** The server's requested wait for this response (see parseRetryAfter), in ms. */
  readonly retryAfterMs?: number | undefined;
  readonly options: RetryOptions;
}

/** Statuses worth another attempt of an idempotent request: 408, 429 and 5xx except 501/505. */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Decides whether to retry. Non-idempotent requests are retried only when the server provably did not act. */
export function decideRetry(input: RetryInput): RetryDecision {
  const kind = classifyOutcome(input);
  if (kind === 'permanent') return { retry: false, reason: 'not-retryable' };
  if (kind === 'unknown' && !input.request.idempotent) return { retry: false, reason: 'outcome-unknown' };
  const { retryAfterMs, options } = input;
  if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) {
    return { retry: false, reason: 'retry-after-too-long' };
  }
  if (input.attempt >= options.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  if (retryAfterMs !== undefined) return { retry: true, delayMs: retryAfterMs, reason: 'retry-after' };
  return { retry: true, delayMs: computeBackoffMs(input.attempt, options), reason: 'backoff' };
}

/**
 * - `not-acted`: the server did not act on the request (429 says so; a refused connection never
 *   reached it), so even a non-idempotent request may be sent again;
 * - `unknown`: transient, but the server may have acted (5xx, 408, reset, timeout);
 * - `permanent`: success, client errors, and our own refusals (insecure transport, too large…).
 */
function classifyOutcome(input: RetryInput): 'not-acted' | 'unknown' | 'permanent' {
  if (input.error !== undefined) {
    if (!isNetworkError(input.error) && !isTimeoutError(input.error)) return 'permanent';
    // fetch refused to build the request: sending it again cannot help.
    if (input.error.code === 'ERR_INVALID_REQUEST') return 'permanent';
    return isAzdoRequeueHttpError(input.error) && !input.error.mayHaveReachedServer ? 'not-acted' : 'unknown';
  }
  const status = input.response?.status;
  if (status === 429) return 'not-acted';
  return status !== undefined && TRANSIENT_STATUSES.has(status) ? 'unknown' : 'permanent';
}

/** Capped exponential backoff with "equal jitter": between half and all of min(max, base·2^(attempt−1)). */
function computeBackoffMs(attempt: number, options: RetryOptions): number {
  const ceilingMs = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceilingMs / 2 + options.random() * (ceilingMs / 2));
}
