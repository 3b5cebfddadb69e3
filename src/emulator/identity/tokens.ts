// The emulator's own throwaway credentials, generated per start from the OS random source (never from a seed).
import { randomBytes, randomUUID } from 'node:crypto';

/** Credentials the emulator accepts: a JWT-shaped job token (System.AccessToken) and a legacy PAT (§8). */
export interface EmulatorTokens {
  /** JWT-shaped like System.AccessToken: `eyJ…` three base64url segments with an `exp` ~1 h ahead. */
  jobToken: string;
  /** 52 characters of [a-z2-7], the legacy PAT shape (node-api picks Basic auth for it, §1.3). */
  pat: string;
}

const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A random 52-character PAT in the legacy alphabet. */
export function generatePat(): string {
  let pat = '';
  for (const byte of randomBytes(52)) {
    pat += BASE32_LOWER[byte & 31];
  }
  return pat;
}

/**
 * A random job token. The claims imitate a pipeline token's shape only; clients must treat it as opaque
 * (§8: payloads will become unreadable), and the emulator compares it as a whole string.
 */
export function generateJobToken(collectionId: string, identityId: string, nowMs: number): string {
  const nowSeconds = Math.floor(nowMs / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5t: randomBytes(20).toString('base64url') };
  const payload = {
    nameid: identityId,
    scp: 'app_token',
    aui: randomUUID(),
    sid: randomUUID(),
    iss: 'app.vstoken.visualstudio.com',
    aud: `app.vstoken.visualstudio.com|vso:${collectionId}`,
    nbf: nowSeconds - 60,
    exp: nowSeconds + 3600,
  };
  const signature = randomBytes(256).toString('base64url');
  return `${base64UrlJson(header)}.${base64UrlJson(payload)}.${signature}`;
}

/** Both tokens, unless the caller supplies its own (e.g. canaries in another PAT format). */
export function generateTokens(
  collectionId: string,
  jobIdentityId: string,
  nowMs: number,
  given: Partial<EmulatorTokens> = {},
): EmulatorTokens {
  return {
    jobToken: given.jobToken ?? generateJobToken(collectionId, jobIdentityId, nowMs),
    pat: given.pat ?? generatePat(),
  };
}
