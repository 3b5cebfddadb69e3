// Authenticates a delivery: Azure DevOps does not sign service hook deliveries, and the Web Hooks consumer's
// Basic-auth password is the only input it keeps secret (service-hooks reference §3). Any user name is accepted.
import { createHash, timingSafeEqual } from 'node:crypto';

/** A comparer bound to the secret; both sides are hashed first so the comparison takes the same time at any length. */
export function createBasicAuthCheck(secret: string): (authorization: string | undefined) => boolean {
  const expected = digest(secret);
  return (authorization) => {
    const password = passwordOf(authorization);
    // Compare even when there is no password, so a missing header costs the same as a wrong one.
    const matches = timingSafeEqual(digest(password ?? ''), expected);
    return password !== undefined && matches;
  };
}

/** The password of a `Basic base64(user:password)` header; undefined for any other scheme or a malformed value. */
export function passwordOf(authorization: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The challenge sent with every 401 (RFC 7617). */
export const BASIC_CHALLENGE = 'Basic realm="azdo-requeue", charset="UTF-8"';
