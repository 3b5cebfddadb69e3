// The contracts of the generic HTTP pipeline: requests, responses, policies and the transport.
// A policy wraps `next`; the pipeline folds an ordered list of policies around a transport (docs/architecture.md).

export type HttpMethod = 'GET' | 'OPTIONS' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL. Never carries credentials (no userinfo, no token query parameters). */
  readonly url: URL;
  /** Lower-case header names. The auth policy adds `authorization`; nobody else does. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * Whether sending the request twice has the same effect as once. Non-idempotent requests
   * (the requeue PATCH cancels a running build) are retried only when the server proves it did
   * not act (429), never after an unknown outcome.
   */
  readonly idempotent: boolean;
  /** A short human name of the call for messages, e.g. "list pull requests". */
  readonly operation: string;
  /** Aborts the request, on the wire or not. */
  readonly signal?: AbortSignal;
  /**
   * Aborts only the request's waits (a concurrency slot, the rate-limit gate, a retry backoff), never the request
   * on the wire: a stopped run finishes what it sent and sends nothing more. Includes `signal`. Set by the pipeline.
   */
  readonly waitSignal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  readonly request: HttpRequest;
  /**
   * The pipeline's secret redactor, set by the pipeline that produced the answer: whoever turns the answer into a
   * message masks the same secrets, over the whole text before any cut or escape (decision 0004).
   */
  readonly redact?: (text: string) => string;
}

export type SendRequest = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpPolicy {
  readonly name: string;
  sendRequest(request: HttpRequest, next: SendRequest): Promise<HttpResponse>;
}

/** The innermost layer: puts bytes on the wire. Throws NetworkError / TimeoutError, never HttpError. */
export type Transport = SendRequest;
