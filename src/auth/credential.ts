// A credential the run authenticates with: how it was chosen, and the Authorization header it produces.
import type { TokenShape } from './classify-token.js';

export type CredentialKind = 'job-token' | 'entra' | 'pat';

export interface Credential {
  readonly kind: CredentialKind;
  /** Where it came from, for doctor and --debug: "SYSTEM_ACCESSTOKEN", "AZURE_DEVOPS_EXT_PAT", "stdin", "AzurePipelinesCredential". */
  readonly source: string;
  /** Bearer for job tokens and Entra tokens, Basic for PATs; never the other way round (checklist A6). */
  readonly scheme: 'Bearer' | 'Basic';
  /** The token's shape as classified (an Entra token is whatever the authority issued: usually a JWT). */
  readonly tokenShape: TokenShape;
  /**
   * Every value that must be masked: the raw token and its derived forms are registered from these.
   * For Entra this grows as tokens are refreshed; each new one is also announced through `onSecret`.
   */
  readonly secrets: readonly string[];
  /** The Authorization header value; may refresh (Entra) before expiry. */
  authorize(): Promise<string>;
  /** Milliseconds since the epoch, only when knowable (Entra metadata or a readable JWT `exp`). */
  expiresAt(): number | undefined;
  /**
   * Entra only: forget the cached token so the next `authorize()` fetches a fresh one. Callers may retry a
   * request once after a 401 when this exists (checklist D2: only refreshable credentials are retried).
   */
  invalidate?(): void;
}

/** A credential with the reasons for choosing it: what `resolveCredential` returns. */
export interface ResolvedCredential {
  readonly credential: Credential;
  /** Why this credential was chosen, for doctor and the run header. */
  readonly why: string;
  readonly warnings: readonly string[];
}

/** `Basic base64(":" + token)`: the user name is ignored by the service (reference §1.3). */
export function basicHeader(token: string): string {
  return `Basic ${Buffer.from(`:${token}`).toString('base64')}`;
}

export function bearerHeader(token: string): string {
  return `Bearer ${token}`;
}

/** What an HTTP pipeline needs from a credential: the header, and a renewal after a 401 when it can renew. */
export function authorizationOf(credential: Credential): {
  authorize: () => Promise<string>;
  renewAfterUnauthorized?: () => boolean;
} {
  const authorize = (): Promise<string> => credential.authorize();
  if (!credential.invalidate) return { authorize };
  return {
    authorize,
    renewAfterUnauthorized: () => {
      credential.invalidate?.();
      return true;
    },
  };
}
