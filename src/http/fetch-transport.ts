// The innermost layer: puts a request on the wire with Node 20's global fetch (undici, pooled
// keep-alive connections) and reads the body with a size limit. Redirects are returned, not
// followed (`redirect: 'manual'`), so the redirect policy decides and credentials never follow them.

import { redactUrl } from '../redaction/redact.js';
import { isAzdoRequeueHttpError } from './errors/azdo-requeue-http-error.js';
import { NetworkError } from './errors/network-error.js';
import { ResponseTooLargeError } from './errors/response-too-large-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { HttpRequest, Transport } from './types.js';

export interface FetchTransportOptions {
  /** The largest response body accepted, in bytes. @default 67_108_864 (64 MiB) */
  readonly maxResponseBytes?: number;
  /** The fetch implementation. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Extra redaction applied to the messages of wrapped causes (e.g. a secret registry). */
  readonly redact?: (text: string) => string;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** fetch's own build errors whose text quotes no request data, so they may be shown. */
const SAFE_BUILD_ERRORS = /^Request with GET\/HEAD method cannot have body\.?$/;

/** Creates a Transport over fetch. Throws NetworkError, TimeoutError or ResponseTooLargeError; never HttpError. */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  return async function sendOverFetch(request) {
    try {
      const response = await fetchImplementation(request.url, {
        method: request.method,
        headers: { ...request.headers },
        redirect: 'manual',
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const bodyText = await readBodyText(response, request, maxResponseBytes);
      return { status: response.status, headers, bodyText, request };
    } catch (error) {
      throw toTransportError(error, request, options.redact);
    }
  };
}

/** Reads the body as UTF-8 (a leading BOM is dropped), failing as soon as it passes the limit. */
async function readBodyText(
  response: Response,
  request: HttpRequest,
  maxResponseBytes: number,
): Promise<string> {
  const tooLarge = (): ResponseTooLargeError =>
    new ResponseTooLargeError({
      method: request.method,
      url: redactUrl(request.url),
      operation: request.operation,
      maxResponseBytes,
    });
  const declaredBytes = Number(response.headers.get('content-length') ?? '0');
  if (declaredBytes > maxResponseBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder('utf-8');
  let receivedBytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    receivedBytes += value.byteLength;
    if (receivedBytes > maxResponseBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Maps what fetch throws onto the pipeline's errors; a caller's own abort reason is passed through. */
function toTransportError(error: unknown, request: HttpRequest, redact?: (text: string) => string): Error {
  if (isAzdoRequeueHttpError(error)) return error;
  const url = redactUrl(request.url);
  const details = { method: request.method, url, operation: request.operation };
  if (request.signal?.aborted) {
    const reason: unknown = request.signal.reason;
    // AbortSignal.timeout() and the timeout policy abort with a DOMException named TimeoutError.
    if (reason instanceof Error && reason.name === 'TimeoutError')
      return new TimeoutError({ ...details, cause: reason });
    return reason instanceof Error ? reason : new Error('the request was aborted');
  }
  if (!(error instanceof Error) || error.cause === undefined) {
    // fetch rejects malformed input (e.g. a header value with a newline) synchronously with a message that
    // may quote the value, so the original error is not kept. Nothing was sent.
    const reason =
      error instanceof Error && SAFE_BUILD_ERRORS.test(error.message)
        ? error.message
        : 'invalid URL, header or body';
    const cause = new Error(`the request could not be built (${reason})`);
    return new NetworkError({ ...details, code: 'ERR_INVALID_REQUEST', cause });
  }
  return new NetworkError({
    ...details,
    code: findErrorCode(error) ?? 'UNKNOWN',
    cause: error,
    ...(redact ? { redact } : {}),
  });
}

/** The first string `code` in the cause chain (undici nests the system error one or two levels down). */
function findErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current instanceof AggregateError ? (current.errors as unknown[])[0] : current.cause;
  }
  return undefined;
}
