// Follows redirects itself (the transport uses `redirect: 'manual'`) so credentials never ride along.
// - same-origin hops are followed, at most `maxRedirects`;
// - a hop to another origin is returned as is, unless `allowCrossOriginRedirects`; then the hop carries
//   no Authorization / Proxy-Authorization / Cookie, and a hop from elsewhere *into* the credential origin
//   is still refused, because the auth policy would attach the token to a URL a foreign server chose;
// - https → http is never followed.
// security-checklist.md C3; Azure SDK redirectPolicy (allowCrossOriginRedirects=false); whatwg/fetch#1544.

import type { HttpPolicy, HttpRequest, HttpResponse } from '../types.js';

export interface RedirectPolicyOptions {
  /** Most hops followed for one request; the last 3xx is returned beyond it. @default 5 */
  readonly maxRedirects?: number;
  /** Follow hops to other origins (without credentials). @default false */
  readonly allowCrossOriginRedirects?: boolean;
  /** The origin the auth policy attaches credentials for; never entered from another origin. */
  readonly credentialOrigin?: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** Creates the policy. */
export function createRedirectPolicy(options: RedirectPolicyOptions = {}): HttpPolicy {
  const maxRedirects = options.maxRedirects ?? 5;
  const credentialOrigin =
    options.credentialOrigin === undefined ? undefined : new URL(options.credentialOrigin).origin;
  return {
    name: 'redirect',
    async sendRequest(request, next) {
      let current = request;
      let response = await next(current);
      for (let hop = 0; hop < maxRedirects; hop++) {
        const target = findRedirectTarget(response, current.url);
        if (!target || !mayFollow(current.url, target)) return response;
        current = buildNextHop(current, target, response.status);
        response = await next(current);
      }
      return response;
    },
  };

  function mayFollow(from: URL, to: URL): boolean {
    if (from.protocol === 'https:' && to.protocol !== 'https:') return false;
    if (to.origin === from.origin) return true;
    return options.allowCrossOriginRedirects === true && to.origin !== credentialOrigin;
  }
}

/** The absolute http(s) URL a 3xx points at, or undefined for anything else. */
function findRedirectTarget(response: HttpResponse, base: URL): URL | undefined {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return undefined;
  try {
    const target = new URL(location, base);
    return target.protocol === 'https:' || target.protocol === 'http:' ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetch-standard method rewriting: 303 turns everything but HEAD into a body-less GET; 301/302 do so
 * for POST only; 307/308 keep method and body. A hop to another origin drops credential headers.
 */
function buildNextHop(request: HttpRequest, target: URL, status: number): HttpRequest {
  const becomesGet =
    (status === 303 && request.method !== 'GET' && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST');
  const headers = { ...request.headers };
  if (target.origin !== request.url.origin) {
    for (const name of CREDENTIAL_HEADERS) delete headers[name];
  }
  if (!becomesGet) return { ...request, url: target, headers };
  delete headers['content-type'];
  delete headers['content-length'];
  return {
    method: 'GET',
    url: target,
    headers,
    idempotent: true,
    operation: request.operation,
    ...(request.signal ? { signal: request.signal } : {}),
  };
}
