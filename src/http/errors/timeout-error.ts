// The per-request timeout elapsed. The server may have received and acted on the request.

import type { HttpMethod } from '../types.js';
import { AzdoRequeueHttpError } from './azdo-requeue-http-error.js';

export interface TimeoutErrorDetails {
  readonly method: HttpMethod;
  /** Already redacted. */
  readonly url: string;
  readonly operation: string;
  /** The limit that elapsed, when known. */
  readonly timeoutMs?: number;
  readonly cause?: unknown;
}

/** "GET https://… timed out after 30000 ms". */
export class TimeoutError extends AzdoRequeueHttpError {
  readonly method: HttpMethod;
  readonly url: string;
  readonly operation: string;
  readonly timeoutMs?: number;

  constructor(details: TimeoutErrorDetails) {
    const after = details.timeoutMs === undefined ? '' : ` after ${details.timeoutMs} ms`;
    super(`${details.method} ${details.url} timed out${after}`, {
      code: 'TIMEOUT',
      mayHaveReachedServer: true,
      cause: details.cause,
    });
    this.method = details.method;
    this.url = details.url;
    this.operation = details.operation;
    if (details.timeoutMs !== undefined) this.timeoutMs = details.timeoutMs;
  }
}

/** Matches by class or, across module copies, by name. */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return (
    value instanceof TimeoutError ||
    (value instanceof Error && value.name === 'TimeoutError' && 'mayHaveReachedServer' in value)
  );
}
