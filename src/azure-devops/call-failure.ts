// Classifies errors thrown by the HTTP pipeline (network, timeout, rate-limit cap, transport refusals) into
// ApiFailures that name the call, and says what each one means for a requeue's outcome (docs/reliability.md).
import { ApiFailure } from '../requeue/checks-api.js';

interface PipelineErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly mayHaveReachedServer?: unknown;
}

function asLike(error: unknown): PipelineErrorLike {
  return typeof error === 'object' && error !== null ? error : {};
}

/**
 * True when the request may have reached the server, so its effect is unknown and must be read back. Only the
 * pipeline's own errors can say otherwise (`mayHaveReachedServer: false`: refused connection, DNS failure,
 * a request fetch refused to build); anything unknown is assumed to have reached it.
 */
export function mayHaveReachedServer(error: unknown): boolean {
  if (isRateLimitRefusal(error)) return false;
  return asLike(error).mayHaveReachedServer !== false;
}

/**
 * The pipeline refused to wait as long as the server asked (Retry-After above the accepted maximum), so the
 * request was not sent or was answered 429, which means "not acted on" (reference §6). Matched by name so a
 * second copy of the module still matches.
 */
export function isRateLimitRefusal(error: unknown): boolean {
  return asLike(error).name === 'RateLimitExceededError';
}

/** One line naming the call: "<what> failed: <the pipeline's redacted message>". */
export function failureFromError(error: unknown, what: string): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const like = asLike(error);
  const message = typeof like.message === 'string' ? like.message : String(error);
  const code =
    typeof like.code === 'string' ? like.code : typeof like.name === 'string' ? like.name : 'error';
  if (like.name === 'UnexpectedShapeError') {
    return new ApiFailure('other', `${what}: unexpected answer: ${message}`, 'bad-shape', { cause: error });
  }
  if (like.name === 'RequestStoppedError') {
    return new ApiFailure('stopped', `${what}: not sent, the run stopped`, 'stopped', { cause: error });
  }
  if (like.name === 'CredentialUnavailableError') {
    return new ApiFailure('auth', `${what} failed: ${message}`, 'credential-unavailable', { cause: error });
  }
  const kind =
    like.name === 'InsecureTransportError' || like.name === 'CrossOriginCredentialError' ? 'config' : 'other';
  return new ApiFailure(kind, `${what} failed: ${message}`, code, { cause: error });
}
