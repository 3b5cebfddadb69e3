// Attaches the Authorization header, and only where it belongs: the request's origin (scheme, host,
// port) must equal the configured one, checked on every request, including URLs taken from responses
// (`_links`, continuation pages, redirects). Plain http is refused unless the host is loopback.
// security-checklist.md C1 (RFC 6750 §5.3, Azure SDK ensureSecureConnection) and C2 (gh AddAuthTokenHeader).

import { redactUrl } from '../../redaction/redact.js';
import { CredentialUnavailableError } from '../errors/credential-unavailable-error.js';
import { CrossOriginCredentialError } from '../errors/cross-origin-credential-error.js';
import { InsecureTransportError } from '../errors/insecure-transport-error.js';
import type { HttpPolicy, HttpResponse } from '../types.js';

export interface AuthPolicyOptions {
  /** The only origin that receives credentials, e.g. `https://dev.azure.com`; a path is ignored. */
  readonly origin: string;
  /** Returns the full header value, e.g. `Bearer eyJ…` or `Basic OnBhdA==`; called per request so tokens can refresh. */
  readonly authorize: () => Promise<string>;
  /**
   * Called after a 401. Returns true when the credential dropped its cached token and a fresh one may be tried:
   * the request is then sent once more. Only refreshable credentials (Entra) say yes; a 401 means the server did
   * not act, so this is safe for non-idempotent requests too (security-checklist.md D2).
   */
  readonly renewAfterUnauthorized?: () => boolean;
  /**
   * Whether TLS certificate verification is off for the process. Node reads `NODE_TLS_REJECT_UNAUTHORIZED` at every
   * TLS connection, so this is asked per request too; library callers get the same refusal as the CLI, whatever
   * environment they passed elsewhere (checklist C6). @default reads `process.env`
   */
  readonly tlsVerificationOff?: () => boolean;
}

/** Why a credential is not attached while verification is off; a private CA is trusted with NODE_EXTRA_CA_CERTS. */
export const TLS_OFF_REFUSAL =
  'NODE_TLS_REJECT_UNAUTHORIZED=0 is set in this process, which turns TLS certificate verification off; ' +
  'no credential is sent that way. Unset it; to trust a private certificate authority, point ' +
  'NODE_EXTRA_CA_CERTS at its certificate file';

const processTlsVerificationOff = (): boolean => process.env['NODE_TLS_REJECT_UNAUTHORIZED']?.trim() === '0';

/** Creates the policy; throws a TypeError at once when `origin` is not an absolute http(s) URL. */
export function createAuthPolicy(options: AuthPolicyOptions): HttpPolicy {
  const credentialOrigin = parseOrigin(options.origin);
  const tlsVerificationOff = options.tlsVerificationOff ?? processTlsVerificationOff;
  return {
    name: 'auth',
    async sendRequest(request, next) {
      const authorize = async (): Promise<string> => {
        try {
          return await options.authorize();
        } catch (cause) {
          throw new CredentialUnavailableError({ operation: request.operation, cause });
        }
      };
      const { authorization, ...headersWithoutCredentials } = request.headers;
      if (request.url.origin !== credentialOrigin) {
        // Nobody but this policy attaches credentials; one arriving here for a foreign origin is a bug.
        if (authorization !== undefined) {
          throw new CrossOriginCredentialError({
            requestOrigin: request.url.origin,
            credentialOrigin,
            operation: request.operation,
          });
        }
        return next(request);
      }
      if (request.url.protocol === 'http:' && !isLoopbackHost(request.url.hostname)) {
        throw new InsecureTransportError({ url: redactUrl(request.url), operation: request.operation });
      }
      if (request.url.protocol === 'https:' && tlsVerificationOff()) {
        throw new CredentialUnavailableError({
          operation: request.operation,
          cause: new Error(TLS_OFF_REFUSAL),
        });
      }
      const send = async (): Promise<HttpResponse> =>
        next({
          ...request,
          headers: { ...headersWithoutCredentials, authorization: await authorize() },
        });
      const response = await send();
      if (response.status !== 401 || options.renewAfterUnauthorized?.() !== true) return response;
      return send();
    },
  };
}

/**
 * Loopback hosts, where plain http never leaves the machine: `localhost`, 127.0.0.0/8 and `::1`.
 * WHATWG URL parsing has already normalised IPv4 spellings (`0x7f.1` → `127.0.0.1`) and brackets IPv6.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function parseOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`the credential origin must be an http(s) URL, got ${url.protocol}`);
  }
  return url.origin;
}
