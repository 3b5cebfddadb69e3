// Tells PATs, JWTs and opaque tokens apart, so a PAT is never sent as Bearer (security checklist A6).
// Shapes: legacy PAT = 52 chars [a-z2-7]; new PAT = 84 chars with "AZDO" at offset 76 (reference §1.3).

export type TokenShape = 'pat' | 'jwt' | 'opaque';

const LEGACY_PAT = /^[a-z2-7]{52}$/;
const NEW_PAT = /^[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function classifyToken(token: string): TokenShape {
  if (LEGACY_PAT.test(token) || NEW_PAT.test(token)) return 'pat';
  if (token.startsWith('eyJ') && JWT.test(token)) return 'jwt';
  return 'opaque';
}

/** Trims surrounding whitespace; refuses empty, multi-line or internally spaced values (checklist A4). */
export function normalizeToken(raw: string, source: string): string {
  const token = raw.trim();
  if (token === '') throw new CredentialError(`${source} is empty`);
  if (/\s/.test(token))
    throw new CredentialError(`${source} contains whitespace or several lines; expected one token`);
  return token;
}

export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}
