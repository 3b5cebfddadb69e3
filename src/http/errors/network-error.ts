// The connection failed before a complete response arrived (refused, reset, DNS, TLS, socket closed).

import type { HttpMethod } from '../types.js';
import { AzdoRequeueHttpError } from './azdo-requeue-http-error.js';

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

export interface NetworkErrorDetails {
  /** The system or undici code, e.g. `ECONNRESET`, `UND_ERR_SOCKET`; `UNKNOWN` when none was given. */
  readonly code: string;
  readonly method: HttpMethod;
  /** Already redacted. */
  readonly url: string;
  readonly operation: string;
  readonly cause?: unknown;
  readonly redact?: (text: string) => string;
}

/** "GET https://… failed: network error ECONNRESET". */
export class NetworkError extends AzdoRequeueHttpError {
  readonly method: HttpMethod;
  readonly url: string;
  readonly operation: string;

  constructor(details: NetworkErrorDetails) {
    super(`${details.method} ${details.url} failed: network error ${details.code}`, {
      code: details.code,
      mayHaveReachedServer: !NEVER_REACHED_SERVER.has(details.code),
      cause: details.cause,
      redact: details.redact,
    });
    this.method = details.method;
    this.url = details.url;
    this.operation = details.operation;
  }
}

/** Matches by class or, across module copies, by name. */
export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError || (value instanceof Error && value.name === 'NetworkError');
}
