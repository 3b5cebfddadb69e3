// The server (or our shared gate) asked us to wait longer than we accept: fail fast instead of
// hanging a pipeline job (renovate's maxRetryAfter; ky's maxRetryAfter).

import type { HttpMethod } from '../types.js';
import { AzdoRequeueHttpError, isErrorNamed } from './azdo-requeue-http-error.js';

export interface RateLimitExceededErrorDetails {
  /** How long we would have had to wait, in ms. */
  readonly waitMs: number;
  /** The longest wait we accept, in ms. */
  readonly maxWaitMs: number;
  /** The request that would have waited, when known. */
  readonly method?: HttpMethod;
  /** Already redacted. */
  readonly url?: string;
  readonly cause?: unknown;
}

/** "GET https://…: rate limited, the server asked to wait 120000 ms, more than the accepted 60000 ms". */
export class RateLimitExceededError extends AzdoRequeueHttpError {
  readonly waitMs: number;
  readonly maxWaitMs: number;
  readonly method?: HttpMethod;
  readonly url?: string;

  constructor(details: RateLimitExceededErrorDetails) {
    const call =
      details.method !== undefined && details.url !== undefined ? `${details.method} ${details.url}: ` : '';
    super(
      `${call}rate limited, the server asked to wait ${details.waitMs} ms, more than the accepted ${details.maxWaitMs} ms`,
      {
        code: 'RATE_LIMIT_EXCEEDED',
        mayHaveReachedServer: true,
        cause: details.cause,
      },
    );
    this.waitMs = details.waitMs;
    this.maxWaitMs = details.maxWaitMs;
    if (details.method !== undefined) this.method = details.method;
    if (details.url !== undefined) this.url = details.url;
  }
}

/** Matches by class or, across module copies, by name. */
export function isRateLimitExceededError(value: unknown): value is RateLimitExceededError {
  return isErrorNamed(value, RateLimitExceededError, 'RateLimitExceededError');
}
