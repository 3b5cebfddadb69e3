// The per-request timeout elapsed. The server may have received and acted on the request.

import { isErrorNamed } from './azdo-requeue-http-error.js';
import { RequestError, type RequestErrorDetails } from './request-error.js';

export interface TimeoutErrorDetails extends RequestErrorDetails {
  /** The limit that elapsed, when known. */
  readonly timeoutMs?: number;
  readonly cause?: unknown;
}

/** "GET https://… timed out after 30000 ms". */
export class TimeoutError extends RequestError {
  readonly timeoutMs?: number;

  constructor(details: TimeoutErrorDetails) {
    const after = details.timeoutMs === undefined ? '' : ` after ${details.timeoutMs} ms`;
    super(`${details.method} ${details.url} timed out${after}`, details, {
      code: 'TIMEOUT',
      mayHaveReachedServer: true,
      cause: details.cause,
    });
    if (details.timeoutMs !== undefined) this.timeoutMs = details.timeoutMs;
  }
}

/** Matches by class or, across module copies, by name; the name alone would also match a DOMException. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return isErrorNamed(value, TimeoutError, 'TimeoutError') && 'mayHaveReachedServer' in value;
}
