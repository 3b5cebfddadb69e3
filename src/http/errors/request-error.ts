// The base of the errors about one request that was sent or being sent (network failure, timeout, oversized
// response): they all name the method, the redacted URL and the operation, declared once here so each
// subclass states only what it adds. Fields are set in this order so JSON and util.inspect keep it.
import type { HttpMethod } from '../types.js';
import { AzdoRequeueHttpError, type HttpPipelineErrorOptions } from './azdo-requeue-http-error.js';

/** The request an error is about. */
export interface RequestErrorDetails {
  readonly method: HttpMethod;
  /** Already redacted. */
  readonly url: string;
  readonly operation: string;
}

/** Not exported from the library: callers catch the concrete classes or AzdoRequeueHttpError. */
export abstract class RequestError extends AzdoRequeueHttpError {
  readonly method: HttpMethod;
  readonly url: string;
  readonly operation: string;

  constructor(message: string, details: RequestErrorDetails, options: HttpPipelineErrorOptions) {
    super(message, options);
    this.method = details.method;
    this.url = details.url;
    this.operation = details.operation;
  }
}
