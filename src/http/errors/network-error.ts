// The connection failed before a complete response arrived (refused, reset, DNS, TLS, socket closed).

import { isErrorNamed } from './azdo-requeue-http-error.js';
import { RequestError, type RequestErrorDetails } from './request-error.js';

/**
 * Codes where the server provably never received the request: the connection was never established
 * or the name never resolved. Anything else (reset, socket closed mid-response) may have reached it.
 */
const NEVER_REACHED_SERVER = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_REQUEST',
]);

export interface NetworkErrorDetails extends RequestErrorDetails {
  /** The system or undici code, e.g. `ECONNRESET`, `UND_ERR_SOCKET`; `UNKNOWN` when none was given. */
  readonly code: string;
  readonly cause?: unknown;
  readonly redact?: (text: string) => string;
}

/** "GET https://… failed: network error ECONNRESET". */
export class NetworkError extends RequestError {
  constructor(details: NetworkErrorDetails) {
    super(`${details.method} ${details.url} failed: network error ${details.code}`, details, {
      code: details.code,
      mayHaveReachedServer: !NEVER_REACHED_SERVER.has(details.code),
      cause: details.cause,
      redact: details.redact,
    });
  }
}

/** Matches by class or, across module copies, by name. */
export function isNetworkError(value: unknown): value is NetworkError {
  return isErrorNamed(value, NetworkError, 'NetworkError');
}
