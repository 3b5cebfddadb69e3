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
export { decideRetry, DEFAULT_RETRY_OPTIONS } from './decide-retry.js';
export type { RetryDecision, RetryInput, RetryOptions } from './decide-retry.js';
export { createRateLimitGate } from './rate-limit-gate.js';
export type { RateLimitGate, RateLimitGateOptions } from './rate-limit-gate.js';
export { createAuthPolicy, isLoopbackHost } from './policies/auth-policy.js';
export { createConcurrencyPolicy } from './policies/concurrency-policy.js';
export { createHeadersPolicy, DEFAULT_USER_AGENT } from './policies/headers-policy.js';
export { createLogPolicy, DEFAULT_LOGGED_HEADER_NAMES } from './policies/log-policy.js';
export type { HttpLogger, LogPolicyOptions } from './policies/log-policy.js';
export { createRateLimitPolicy } from './policies/rate-limit-policy.js';
export { createRedirectPolicy } from './policies/redirect-policy.js';
export type { RedirectPolicyOptions } from './policies/redirect-policy.js';
export { createRetryPolicy } from './policies/retry-policy.js';
export type { RetryEvent, RetryPolicyOptions } from './policies/retry-policy.js';
export { createTimeoutPolicy } from './policies/timeout-policy.js';
