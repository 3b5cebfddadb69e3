// Credential-shaped fixtures built at run time from random bytes, so no token-like literal lives in
// the repository for secret scanners to flag (security-checklist.md A6).

import { randomBytes, randomInt } from 'node:crypto';

function pick(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A signed-looking JWT: base64url JSON header and payload, random signature. */
export function aJwt(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'RS256', x5t: randomBytes(8).toString('hex') });
  const payload = encode({ aud: 'urn:test', sub: crypto.randomUUID(), exp: 1_900_000_000 });
  return `${header}.${payload}.${randomBytes(64).toString('base64url')}`;
}

/** The legacy Azure DevOps PAT shape: 52 characters of lower-case base32. */
export function aLegacyPat(): string {
  return pick('abcdefghijklmnopqrstuvwxyz234567', 52);
}

/** The current Azure DevOps PAT shape: 84 characters with `AZDO` at offset 76. */
export function aNewPat(): string {
  return `${pick(ALPHANUMERIC, 76)}AZDO${pick(ALPHANUMERIC, 4)}`;
}

/** An opaque token with no recognisable shape (only a registry can catch it). */
export function anOpaqueToken(): string {
  return `t${randomBytes(24).toString('base64url')}`;
}
