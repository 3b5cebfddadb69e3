// The response body exceeded the transport's size limit; we stop reading rather than buffer it all.

import type { HttpMethod } from '../types.js';
import { AzdoRequeueHttpError } from './azdo-requeue-http-error.js';

export interface ResponseTooLargeErrorDetails {
  readonly method: HttpMethod;
  /** Already redacted. */
  readonly url: string;
  readonly operation: string;
  readonly maxResponseBytes: number;
}

/** "GET https://… failed: the response body exceeds the limit of 67108864 bytes". */
export class ResponseTooLargeError extends AzdoRequeueHttpError {
  readonly method: HttpMethod;
  readonly url: string;
  readonly operation: string;
  readonly maxResponseBytes: number;

  constructor(details: ResponseTooLargeErrorDetails) {
    super(
      `${details.method} ${details.url} failed: the response body exceeds the limit of ` +
        `${details.maxResponseBytes} bytes (option maxResponseBytes)`,
      { code: 'RESPONSE_TOO_LARGE', mayHaveReachedServer: true },
    );
    this.method = details.method;
    this.url = details.url;
    this.operation = details.operation;
    this.maxResponseBytes = details.maxResponseBytes;
  }
}

/** Matches by class or, across module copies, by name. */
export function isResponseTooLargeError(value: unknown): value is ResponseTooLargeError {
  return (
    value instanceof ResponseTooLargeError ||
    (value instanceof Error && value.name === 'ResponseTooLargeError')
  );
}
