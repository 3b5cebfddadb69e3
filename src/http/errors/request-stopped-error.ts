// The run stopped (SIGINT, SIGTERM, --timeout) while this request was still waiting — for a concurrency slot, the
// rate-limit gate or a retry backoff — so it was never sent: nothing to read back, nothing happened on the server.

import { AzdoRequeueHttpError, isErrorNamed } from './azdo-requeue-http-error.js';

/** "<operation> was not sent: the run stopped while it waited". */
export class RequestStoppedError extends AzdoRequeueHttpError {
  readonly operation: string;

  constructor(operation: string) {
    super(`${operation} was not sent: the run stopped while it waited`, {
      code: 'STOPPED',
      mayHaveReachedServer: false,
    });
    this.operation = operation;
  }
}

/** Matches by class or, across module copies, by name. */
export function isRequestStoppedError(value: unknown): value is RequestStoppedError {
  return isErrorNamed(value, RequestStoppedError, 'RequestStoppedError');
}
