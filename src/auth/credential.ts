// A credential the run authenticates with: how it was chosen, and the Authorization header it produces.

export type CredentialKind = 'job-token' | 'entra' | 'pat';

export interface Credential {
  readonly kind: CredentialKind;
  /** Where it came from, for doctor and --debug: "SYSTEM_ACCESSTOKEN", "AZURE_DEVOPS_EXT_PAT", "stdin". */
  readonly source: string;
  /** Every value that must be masked: the raw token and its derived forms are registered from these. */
  readonly secrets: readonly string[];
  /** The Authorization header value; may refresh (Entra) before expiry. */
  authorize(): Promise<string>;
  /** Milliseconds since the epoch, only when knowable (Entra metadata or a readable JWT `exp`). */
  expiresAt(): number | undefined;
}

/** `Basic base64(":" + token)`: the user name is ignored by the service (reference §1.3). */
export function basicHeader(token: string): string {
  return `Basic ${Buffer.from(`:${token}`).toString('base64')}`;
}

export function bearerHeader(token: string): string {
  return `Bearer ${token}`;
}
