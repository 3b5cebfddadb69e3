// "Expires in N min" only when the expiry is knowable (Entra metadata or a readable JWT `exp`); otherwise
// "unknown". Only relative minutes are printed, never a claim or a segment of the token (checklist D1).
// Tokens are not a data contract (Azure DevOps Blog, 2026-03-18): a JWT's payload is read only when it has
// exactly three base64url segments and a numeric `exp`, and no other claim is ever read.

export function readJwtExpiry(token: string): number | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(segments[1] ?? '', 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const exp = (payload as { exp?: unknown }).exp;
    // Seconds since the epoch; reject absurd values instead of printing nonsense.
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0 || exp > 1e11) return undefined;
    return exp * 1000;
  } catch {
    return undefined;
  }
}

/** Whole minutes until `expiresAtMs`, rounded down; negative once expired; undefined when unknown. */
export function minutesUntil(expiresAtMs: number | undefined, nowMs: number): number | undefined {
  if (expiresAtMs === undefined || !Number.isFinite(expiresAtMs)) return undefined;
  return Math.floor((expiresAtMs - nowMs) / 60_000);
}

/** "expires in 57 min", "expired 3 min ago", "expires in less than a minute" or "expiry unknown". */
export function describeTokenLifetime(expiresAtMs: number | undefined, nowMs: number): string {
  const minutes = minutesUntil(expiresAtMs, nowMs);
  if (minutes === undefined) return 'expiry unknown';
  if (expiresAtMs !== undefined && expiresAtMs <= nowMs) {
    return `expired ${Math.max(1, Math.ceil((nowMs - expiresAtMs) / 60_000))} min ago`;
  }
  if (minutes === 0) return 'expires in less than a minute';
  return `expires in ${minutes} min`;
}
