// Classifies errors thrown by the HTTP pipeline (network, timeout, rate-limit cap, transport refusals).
import { ApiFailure } from '../requeue/checks-api.js';

interface PipelineErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly mayHaveReachedServer?: unknown;
}

/** True when the request may have reached the server, so its effect is unknown and must be read back. */
export function mayHaveReachedServer(error: unknown): boolean {
  const value = (error as PipelineErrorLike | undefined)?.mayHaveReachedServer;
  return value !== false;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'RunAbortedError');
}

export function failureFromError(error: unknown, what: string): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const like = (typeof error === 'object' && error !== null ? error : {}) as PipelineErrorLike;
  const message = typeof like.message === 'string' ? like.message : String(error);
  const code =
    typeof like.code === 'string' ? like.code : typeof like.name === 'string' ? like.name : 'error';
  const kind =
    like.name === 'InsecureTransportError' || like.name === 'CrossOriginCredentialError' ? 'config' : 'other';
  return new ApiFailure(kind, `${what} failed: ${message}`, code, { cause: error });
}
