// A completed request whose status the caller treats as a failure (4xx/5xx, unexpected 3xx/203).
// Holds the redacted URL and the server's own explanation, never the request or response objects,
// which carry the Authorization header.

import { STATUS_CODES } from 'node:http';

import type { HttpMethod } from '../types.js';
import { AzdoRequeueHttpError, isErrorNamed } from './azdo-requeue-http-error.js';

export interface HttpErrorDetails {
  readonly status: number;
  readonly method: HttpMethod;
  /** Already redacted (see redactUrl). */
  readonly url: string;
  readonly operation: string;
  /** Azure DevOps error envelope `typeKey`, e.g. `GitPullRequestNotFoundException`. */
  readonly typeKey?: string;
  /** The server's message, already redacted and sanitised for printing. */
  readonly serverMessage?: string;
  /** How long the server asked us to wait (Retry-After), in ms. */
  readonly retryAfterMs?: number | undefined;
  readonly redact?: (text: string) => string;
}

/** "PATCH https://…/policy/evaluations/{id}?api-version=7.1 failed with 404 Not Found: TF…". */
export class HttpError extends AzdoRequeueHttpError {
  readonly status: number;
  readonly method: HttpMethod;
  readonly url: string;
  readonly operation: string;
  readonly typeKey?: string;
  readonly serverMessage?: string;
  readonly retryAfterMs?: number;

  constructor(details: HttpErrorDetails) {
    const statusText = STATUS_CODES[details.status] ?? 'Unknown Status';
    const explanation = details.serverMessage === undefined ? '' : `: ${details.serverMessage}`;
    super(`${details.method} ${details.url} failed with ${details.status} ${statusText}${explanation}`, {
      code: 'HTTP_STATUS',
      mayHaveReachedServer: true,
      redact: details.redact,
    });
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.operation = details.operation;
    if (details.typeKey !== undefined) this.typeKey = details.typeKey;
    if (details.serverMessage !== undefined) this.serverMessage = details.serverMessage;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** Matches by class or, across module copies, by name. */
export function isHttpError(value: unknown): value is HttpError {
  return isErrorNamed(value, HttpError, 'HttpError');
}
