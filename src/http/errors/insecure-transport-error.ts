// Credentials would have travelled over plain http to a non-loopback host. Thrown before any socket
// opens (security-checklist.md C1; RFC 6750 §5.3; Azure SDK ensureSecureConnection).

import { AzdoRequeueHttpError, isErrorNamed } from './azdo-requeue-http-error.js';

export interface InsecureTransportErrorDetails {
  /** Already redacted. */
  readonly url: string;
  readonly operation: string;
}

/** "refusing to send credentials over plain http to http://…: use https (…)". */
export class InsecureTransportError extends AzdoRequeueHttpError {
  readonly url: string;
  readonly operation: string;

  constructor(details: InsecureTransportErrorDetails) {
    super(
      `refusing to send credentials over plain http to ${details.url}: use https ` +
        '(plain http is accepted only for loopback hosts: localhost, 127.0.0.0/8, ::1)',
      { code: 'INSECURE_TRANSPORT', mayHaveReachedServer: false },
    );
    this.url = details.url;
    this.operation = details.operation;
  }
}

/** Matches by class or, across module copies, by name. */
export function isInsecureTransportError(value: unknown): value is InsecureTransportError {
  return isErrorNamed(value, InsecureTransportError, 'InsecureTransportError');
}
