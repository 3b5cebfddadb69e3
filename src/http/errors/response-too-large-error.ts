// The response body exceeded the transport's size limit; we stop reading rather than buffer it all.

import { isErrorNamed } from './azdo-requeue-http-error.js';
import { RequestError, type RequestErrorDetails } from './request-error.js';

export interface ResponseTooLargeErrorDetails extends RequestErrorDetails {
  readonly maxResponseBytes: number;
}

/** "GET https://… failed: the response body exceeds the limit of 67108864 bytes". */
export class ResponseTooLargeError extends RequestError {
  readonly maxResponseBytes: number;

  constructor(details: ResponseTooLargeErrorDetails) {
    super(
      `${details.method} ${details.url} failed: the response body exceeds the limit of ` +
        `${details.maxResponseBytes} bytes (option maxResponseBytes)`,
      details,
      { code: 'RESPONSE_TOO_LARGE', mayHaveReachedServer: true },
    );
    this.maxResponseBytes = details.maxResponseBytes;
  }
}

/** Matches by class or, across module copies, by name. */
export function isResponseTooLargeError(value: unknown): value is ResponseTooLargeError {
  return isErrorNamed(value, ResponseTooLargeError, 'ResponseTooLargeError');
}
