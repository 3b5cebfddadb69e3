// Turns an HTTP answer into JSON or a classified, redacted ApiFailure that names the call (reference §5).
import { createHttpError } from '../http/create-http-error.js';
import type { HttpResponse } from '../http/types.js';
import { ApiFailure, type ApiFailureKind } from '../requeue/checks-api.js';

/** Parses a 2xx JSON answer; anything else becomes an ApiFailure. */
export function readJson(response: HttpResponse, what: string): unknown {
  if (response.status >= 200 && response.status < 300 && !isSignInPage(response)) {
    try {
      return JSON.parse(response.bodyText.replace(/^\uFEFF/, '')) as unknown;
    } catch (error) {
      throw new ApiFailure(
        'other',
        `${describeCall(response, what)} ${describeBadBody(response)}`,
        'bad-json',
        {
          cause: error,
        },
      );
    }
  }
  throw failureFromResponse(response, what);
}

/**
 * A 203 with an HTML sign-in page is how the service says "not authenticated" to clients that do not send
 * X-TFS-FedAuthRedirect: Suppress; it is never data (security checklist C5).
 */
export function isSignInPage(response: Pick<HttpResponse, 'status' | 'headers'>): boolean {
  return (
    response.status === 203 || (response.headers['content-type'] ?? '').toLowerCase().includes('text/html')
  );
}

/** Says what was wrong with a 2xx body that did not parse, without quoting it (it may be anything). */
function describeBadBody(response: HttpResponse): string {
  const bytes = Buffer.byteLength(response.bodyText, 'utf8');
  const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (type !== '' && !/json/i.test(type)) {
    return `returned ${type} instead of JSON (HTTP ${response.status}, ${bytes} bytes)`;
  }
  return `returned a body that is not valid JSON (HTTP ${response.status}, ${bytes} bytes; cut off in transit?)`;
}

export function failureFromResponse(response: HttpResponse, what: string): ApiFailure {
  const call = describeCall(response, what);
  if (isSignInPage(response)) {
    return new ApiFailure(
      'auth',
      `${call} answered with a sign-in page (HTTP ${response.status}) instead of data: the token was not accepted (expired, revoked, or not a token for this organization)`,
      `HTTP ${response.status}`,
    );
  }
  // The envelope is read once, by the HTTP layer: masked with the run's secrets as a whole, then neutralised and
  // capped at 500 characters (§5); masking after the cut would miss a secret the cut splits.
  const { serverMessage, typeKey } = createHttpError(
    response,
    response.redact ? { redact: response.redact } : {},
  );
  const code = /\bTF\d{5,6}\b/.exec(serverMessage ?? '')?.[0] ?? typeKey ?? `HTTP ${response.status}`;
  const detail = serverMessage ? `: ${serverMessage}` : '';
  const kind = kindOf(response.status);
  if (response.status === 429) {
    return new ApiFailure(
      kind,
      `${call} was throttled by Azure DevOps (429) and still refused after the retries${detail}`,
      code,
    );
  }
  if (response.status === 401) {
    return new ApiFailure(
      kind,
      `${call} failed with 401 Unauthorized: the token is missing, expired or not accepted${detail}`,
      code,
    );
  }
  return new ApiFailure(kind, `${call} failed with ${response.status}${detail}`, code);
}

function kindOf(status: number): ApiFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  return 'other';
}

/** "list pull requests (GET https://host/org/proj/_apis/git/pullrequests)": the query is left out on purpose. */
export function describeCall(response: Pick<HttpResponse, 'request'>, what: string): string {
  const { method, url } = response.request;
  return `${what} (${method} ${url.origin}${url.pathname})`;
}
