// The credential could not produce an Authorization header (an Entra refresh failed, a token endpoint refused):
// the request was never sent, so nothing needs reading back, and it is an authentication failure, not a network
// one (a run must end with the auth exit code, not call every requeue's outcome unknown).

import { AzdoRequeueHttpError, isErrorNamed } from './azdo-requeue-http-error.js';

export interface CredentialUnavailableErrorDetails {
  readonly operation: string;
  readonly cause: unknown;
  readonly redact?: (text: string) => string;
}

/** "no credential for <operation>: <why>". */
export class CredentialUnavailableError extends AzdoRequeueHttpError {
  readonly operation: string;

  constructor(details: CredentialUnavailableErrorDetails) {
    const why = details.cause instanceof Error ? details.cause.message : String(details.cause);
    super(`no credential for ${details.operation}: ${why}`, {
      code: 'CREDENTIAL_UNAVAILABLE',
      mayHaveReachedServer: false,
      cause: details.cause,
      redact: details.redact,
    });
    this.operation = details.operation;
  }
}

/** Matches by class or, across module copies, by name. */
export function isCredentialUnavailableError(value: unknown): value is CredentialUnavailableError {
  return isErrorNamed(value, CredentialUnavailableError, 'CredentialUnavailableError');
}
