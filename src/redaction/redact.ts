// Shape-based redaction: credentials we can recognise without knowing their value, plus
// allow-list redaction for URLs and headers (docs/decisions/0004-redaction.md).
// Patterns follow security-checklist.md B5/B7: Authorization values, JWTs, Azure DevOps PAT shapes
// (azure-devops-node-api getHandlerFromToken; microsoft/security-utilities AdoPat) and URL userinfo.

/** The text that replaces a redacted value. */
export const REDACTED = 'REDACTED';

const MASK = '***';

/**
 * `Authorization: Bearer x`, `"authorization":"Basic x"`, `authorization=Bearer x`, also with escaped
 * quotes (JSON inside JSON); the scheme is kept. The credential must be 8+ token68 characters, so
 * prose such as "authorization: Basic support" survives. No two unbounded runs of the same characters
 * touch, so the match stays linear on long runs of spaces.
 */
const AUTHORIZATION_VALUE =
  /((?:proxy-)?authorization\\?["']?[ \t]*[:=][ \t]*(?:\\?["'][ \t]*)?)(bearer|basic)([ \t]+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
/** A JWT (three segments) or JWE (five): base64url JSON header `{"` → `eyJ`. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){0,3}/g;
/** Legacy Azure DevOps PAT: 52 characters of lower-case base32. */
const LEGACY_ADO_PAT = /(?<![A-Za-z0-9+/])[a-z2-7]{52}(?![A-Za-z0-9+/])/g;
/** Current Azure DevOps PAT: 84 characters with the `AZDO` signature at offset 76. */
const ADO_PAT = /(?<![A-Za-z0-9+/])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9+/])/g;
/** `scheme://user:password@` — the password part (agent UrlSecretPattern). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*:)([^\s@/?#]+)(@)/gi;
/** Query parameters that conventionally carry credentials (SAS `sig`, OAuth tokens), unless already REDACTED. */
const TOKEN_QUERY_PARAMETER =
  /([?&;](?:sig|signature|access_token|id_token|refresh_token|token|code|client_secret|password|pwd)=)(?!REDACTED(?:[&\s#"']|$))[^&\s#"']+/gi;

/** Replaces every credential-shaped substring of `text` with `***`. */
export function redactText(text: string): string {
  return text
    .replace(AUTHORIZATION_VALUE, `$1$2$3${MASK}`)
    .replace(JWT, MASK)
    .replace(ADO_PAT, MASK)
    .replace(LEGACY_ADO_PAT, MASK)
    .replace(URL_PASSWORD, `$1${MASK}$3`)
    .replace(TOKEN_QUERY_PARAMETER, `$1${MASK}`);
}

/**
 * Renders a URL for humans: userinfo removed and every query parameter value not in
 * `allowedQueryParameters` replaced by `REDACTED` (Azure SDK Sanitizer keeps only api-version).
 * @param allowedQueryParameters lower-case parameter names kept in clear. @default ['api-version']
 */
export function redactUrl(
  url: URL | string,
  allowedQueryParameters: readonly string[] = ['api-version'],
): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(String(url));
  }
  const userinfo = parsed.username !== '' || parsed.password !== '' ? `${REDACTED}@` : '';
  const query = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals === -1 ? pair : pair.slice(0, equals);
      const name = safeDecode(rawName).toLowerCase();
      return allowedQueryParameters.includes(name) ? pair : `${rawName}=${REDACTED}`;
    });
  const search = query.length > 0 ? `?${query.join('&')}` : '';
  return `${parsed.protocol}//${userinfo}${parsed.host}${parsed.pathname}${search}`;
}

/**
 * Copies headers for logging: names in `allowedHeaderNames` keep their value, every other value
 * becomes `REDACTED`. Takes a plain record on purpose: undici's `Headers` inspector prints
 * credentials in clear (security-checklist.md B7).
 */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  allowedHeaderNames: ReadonlySet<string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lowerName = name.toLowerCase();
    result[lowerName] = allowedHeaderNames.has(lowerName) ? redactText(value) : REDACTED;
  }
  return result;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
