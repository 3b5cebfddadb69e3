// Turns a completed response the caller treats as a failure into an HttpError, reading the Azure
// DevOps JSON error envelope `{ message, typeKey, typeName }` when present (azure-devops-api.md §5;
// renovate's WrappedException schema). Everything that goes into the error is redacted first.

import { redactText, redactUrl } from '../redaction/redact.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { HttpError } from './errors/http-error.js';
import { parseRetryAfter } from './retry-after.js';
import type { HttpResponse } from './types.js';

export interface CreateHttpErrorOptions {
  /** Used for Retry-After dates. @default Date.now() */
  readonly nowMs?: number;
  /** Extra redaction on top of the shape-based one, e.g. a secret registry's `redact`. */
  readonly redact?: (text: string) => string;
}

/** The longest server message kept; Azure DevOps messages are one or two sentences. */
const MAX_SERVER_MESSAGE_CHARS = 500;

/** Builds the error for `response`; never throws, whatever the body holds. */
export function createHttpError(response: HttpResponse, options: CreateHttpErrorOptions = {}): HttpError {
  const redact = (text: string): string => redactText(options.redact ? options.redact(text) : text);
  const envelope = readErrorEnvelope(response);
  const retryAfterMs = parseRetryAfter(response.headers, options.nowMs ?? Date.now());
  const serverMessage =
    envelope.message === undefined
      ? undefined
      : sanitizeUntrustedText(redact(envelope.message)).slice(0, MAX_SERVER_MESSAGE_CHARS);
  return new HttpError({
    status: response.status,
    method: response.request.method,
    url: redact(redactUrl(response.request.url)),
    operation: response.request.operation,
    ...(envelope.typeKey === undefined ? {} : { typeKey: sanitizeUntrustedText(redact(envelope.typeKey)) }),
    ...(serverMessage === undefined || serverMessage === '' ? {} : { serverMessage }),
    retryAfterMs,
    redact,
  });
}

interface ErrorEnvelope {
  readonly message?: string;
  readonly typeKey?: string;
}

/** JSON envelope → message and typeKey; a short text/plain body → its text; HTML and others → nothing. */
function readErrorEnvelope(response: HttpResponse): ErrorEnvelope {
  const contentType = response.headers['content-type'] ?? '';
  const body = response.bodyText.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{') && !contentType.includes('html')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null) return {};
      const { message, typeKey } = parsed as { message?: unknown; typeKey?: unknown };
      return {
        ...(typeof message === 'string' ? { message } : {}),
        ...(typeof typeKey === 'string' ? { typeKey } : {}),
      };
    } catch {
      return {};
    }
  }
  // e.g. 404 "The controller for path '/x' was not found or does not implement IController."
  if (contentType.startsWith('text/plain') && body !== '') return { message: body };
  return {};
}
