// Public surface of the generic HTTP pipeline: re-exports only.

export type { HttpMethod, HttpPolicy, HttpRequest, HttpResponse, SendRequest, Transport } from './types.js';
export { composePolicies, createPipeline } from './create-pipeline.js';
export type { Pipeline, PipelineOptions, PipelineStats } from './create-pipeline.js';
export { createFetchTransport } from './fetch-transport.js';
export type { FetchTransportOptions } from './fetch-transport.js';
export { parseRateLimitHeaders, parseRetryAfter } from './retry-after.js';
export type { RateLimitHeaders } from './retry-after.js';
export { AzdoRequeueHttpError, isAzdoRequeueHttpError } from './errors/azdo-requeue-http-error.js';
export { HttpError, isHttpError } from './errors/http-error.js';
export type { HttpErrorDetails } from './errors/http-error.js';
export { NetworkError, isNetworkError } from './errors/network-error.js';
export { TimeoutError, isTimeoutError } from './errors/timeout-error.js';
export { RateLimitExceededError, isRateLimitExceededError } from './errors/rate-limit-exceeded-error.js';
export { InsecureTransportError, isInsecureTransportError } from './errors/insecure-transport-error.js';
export {
  CrossOriginCredentialError,
  isCrossOriginCredentialError,
} from './errors/cross-origin-credential-error.js';
export { ResponseTooLargeError, isResponseTooLargeError } from './errors/response-too-large-error.js';
export { createHttpError } from './create-http-error.js';
export type { CreateHttpErrorOptions } from './create-http-error.js';
