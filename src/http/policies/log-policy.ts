// Debug trace of each request and its outcome through an injected logger. Allow-list redaction:
// headers not listed print as REDACTED, query parameters other than api-version print as REDACTED,
// bodies are never logged (so neither are those of token endpoints), and only strings reach the
// logger — never a Headers object, whose inspector prints credentials (security-checklist.md B7;
// Azure SDK Sanitizer).

import type { Clock } from '../../util/clock.js';
import { redactHeaders, redactUrl } from '../../redaction/redact.js';
import { isAzdoRequeueHttpError } from '../errors/azdo-requeue-http-error.js';
import type { HttpPolicy, HttpRequest } from '../types.js';

/** Where debug lines go; receives finished strings only. */
export interface HttpLogger {
  debug(message: string): void;
}

/** Headers whose values are safe to print (Azure SDK's default allow-list, trimmed, plus Azure DevOps ones). */
export const DEFAULT_LOGGED_HEADER_NAMES: readonly string[] = [
  'accept',
  'accept-encoding',
  'activityid',
  'cache-control',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'etag',
  'retry-after',
  'retry-after-ms',
  'user-agent',
  'www-authenticate',
  'x-ms-request-id',
  'x-ms-retry-after-ms',
  'x-ratelimit-delay',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-resource',
  'x-tfs-fedauthredirect',
  'x-tfs-session',
  'x-vss-e2eid',
];

export interface LogPolicyOptions {
  readonly logger: HttpLogger;
  readonly clock: Clock;
  /** Header names printed in clear. @default DEFAULT_LOGGED_HEADER_NAMES */
  readonly allowedHeaderNames?: readonly string[];
  /** Query parameters printed in clear. @default ['api-version'] */
  readonly allowedQueryParameters?: readonly string[];
  /** Extra redaction of each finished line, e.g. a secret registry's `redact`. */
  readonly redact?: (text: string) => string;
}

/** Creates the policy: one line before the request, one after its response or failure. */
export function createLogPolicy(options: LogPolicyOptions): HttpPolicy {
  const { logger, clock } = options;
  const allowedHeaders = new Set(
    (options.allowedHeaderNames ?? DEFAULT_LOGGED_HEADER_NAMES).map((n) => n.toLowerCase()),
  );
  const allowedQuery = options.allowedQueryParameters ?? ['api-version'];
  const emit = (line: string): void => logger.debug(options.redact ? options.redact(line) : line);
  const describe = (request: HttpRequest): string =>
    `${request.method} ${redactUrl(request.url, allowedQuery)}`;
  return {
    name: 'log',
    async sendRequest(request, next) {
      const startMs = clock.now();
      const body = request.body === undefined ? '' : ` body ${Buffer.byteLength(request.body)} B`;
      emit(
        `--> ${describe(request)} (${request.operation}) ${formatHeaders(request.headers, allowedHeaders)}${body}`,
      );
      try {
        const response = await next(request);
        const elapsedMs = clock.now() - startMs;
        const headers = formatHeaders(response.headers, allowedHeaders);
        emit(
          `<-- ${response.status} ${describe(request)} in ${elapsedMs} ms ${headers} body ${Buffer.byteLength(response.bodyText)} B`,
        );
        return response;
      } catch (error) {
        const elapsedMs = clock.now() - startMs;
        emit(`<-- failed ${describe(request)} in ${elapsedMs} ms: ${describeError(error)}`);
        throw error;
      }
    },
  };
}

function formatHeaders(headers: Readonly<Record<string, string>>, allowed: ReadonlySet<string>): string {
  const redacted = redactHeaders(headers, allowed);
  const sorted = Object.keys(redacted)
    .sort()
    .map((name) => [name, redacted[name]]);
  return JSON.stringify(Object.fromEntries(sorted));
}

/** Our errors' messages are already redacted; of foreign errors only name and code are printed. */
function describeError(error: unknown): string {
  if (isAzdoRequeueHttpError(error)) return `${error.name} ${error.code}: ${error.message}`;
  if (!(error instanceof Error)) return typeof error;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}
