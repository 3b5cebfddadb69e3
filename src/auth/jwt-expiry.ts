// Best-effort expiry of a JWT-shaped job token: exactly three base64url segments and a JSON payload with a
// numeric `exp`. Tokens are not a data contract (Azure DevOps Blog, 2026-03-18): anything else is "unknown",
// and no claim other than `exp` is ever read or printed (security checklist D1).

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
