// Adds fixed default headers to every request unless the request sets them itself, e.g. the user
// agent and `X-TFS-FedAuthRedirect: Suppress`, which makes Azure DevOps answer 401 instead of a 203
// HTML sign-in page (security-checklist.md C5; azure-devops-api.md §5).

import type { HttpPolicy } from '../types.js';

export interface HeadersPolicyOptions {
  /** Header name → value; names are lower-cased. Must not contain credentials. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The user agent sent when the caller configures none. */
export const DEFAULT_USER_AGENT = 'azdo-requeue';

/** Only the auth policy may set these (types.ts); refusing them here keeps credentials origin-bound. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Creates the policy; throws a TypeError at once for a credential header among the defaults. */
export function createHeadersPolicy(options: HeadersPolicyOptions = {}): HttpPolicy {
  const defaults: Record<string, string> = { 'user-agent': DEFAULT_USER_AGENT };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lowerName = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lowerName)) {
      throw new TypeError(
        `default headers must not carry credentials (${lowerName}); use the authorize option`,
      );
    }
    defaults[lowerName] = value;
  }
  return {
    name: 'headers',
    sendRequest(request, next) {
      return next({ ...request, headers: { ...defaults, ...request.headers } });
    },
  };
}
