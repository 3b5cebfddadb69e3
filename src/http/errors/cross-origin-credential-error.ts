// A request reached the auth layer already carrying an Authorization header for another origin.
// Credentials are bound to one origin (security-checklist.md C2); nobody but the auth policy may
// attach them, so this is a programming error and is thrown before any socket opens.

import { AzdoRequeueHttpError, isErrorNamed } from './azdo-requeue-http-error.js';

export interface CrossOriginCredentialErrorDetails {
  /** The origin the request was going to. */
  readonly requestOrigin: string;
  /** The origin credentials are bound to. */
  readonly credentialOrigin: string;
  readonly operation: string;
}

/** "refusing to send credentials to https://evil.example: they are bound to https://dev.azure.com". */
export class CrossOriginCredentialError extends AzdoRequeueHttpError {
  readonly requestOrigin: string;
  readonly credentialOrigin: string;
  readonly operation: string;

  constructor(details: CrossOriginCredentialErrorDetails) {
    super(
      `refusing to send credentials to ${details.requestOrigin}: they are bound to ${details.credentialOrigin}`,
      { code: 'CROSS_ORIGIN_CREDENTIAL', mayHaveReachedServer: false },
    );
    this.requestOrigin = details.requestOrigin;
    this.credentialOrigin = details.credentialOrigin;
    this.operation = details.operation;
  }
}

/** Matches by class or, across module copies, by name. */
export function isCrossOriginCredentialError(value: unknown): value is CrossOriginCredentialError {
  return isErrorNamed(value, CrossOriginCredentialError, 'CrossOriginCredentialError');
}
