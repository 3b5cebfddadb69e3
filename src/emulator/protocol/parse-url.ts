// Splits a request URL the way the service reads it: decoded, case-insensitive segments and parameter names (§10.4, §10.6).

export interface ParsedUrl {
  /** The URL exactly as received (security tests scan it for tokens). */
  raw: string;
  /** Decoded path without the query. */
  path: string;
  /** Decoded path segments (original case), empty segments dropped. */
  segments: string[];
  /** The same segments lower-cased, for routing. */
  lowerSegments: string[];
  /** The raw query string without `?`. */
  rawQuery: string;
  /** Decoded query parameters keyed by lower-cased decoded name (`%24top` → `$top`); the first value wins. */
  query: Map<string, string>;
}

/** Decodes `%xx` (and `+` in queries, as form encoding does); leaves malformed escapes as they are. */
export function decodeComponent(text: string, plusIsSpace: boolean): string {
  const source = plusIsSpace ? text.replaceAll('+', ' ') : text;
  if (!source.includes('%')) {
    return source;
  }
  try {
    return decodeURIComponent(source);
  } catch {
    return source;
  }
}

function parseQuery(rawQuery: string): Map<string, string> {
  const query = new Map<string, string>();
  if (rawQuery === '') {
    return query;
  }
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals), true).toLowerCase();
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1), true);
    if (!query.has(name)) {
      query.set(name, value);
    }
  }
  return query;
}

export function parseUrl(raw: string): ParsedUrl {
  const questionMark = raw.indexOf('?');
  const rawPath = questionMark === -1 ? raw : raw.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : raw.slice(questionMark + 1);
  const segments = rawPath
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeComponent(segment, false));
  return {
    raw,
    path: `/${segments.join('/')}`,
    segments,
    lowerSegments: segments.map((segment) => segment.toLowerCase()),
    rawQuery,
    query: parseQuery(rawQuery),
  };
}

/** Reads a boolean parameter as both clients send it: `true`/`false` (node) or `True`/`False` (az, §2.2). */
export function queryBoolean(query: Map<string, string>, name: string): boolean | undefined {
  const value = query.get(name.toLowerCase());
  if (value === undefined || value === '') {
    return undefined;
  }
  return value.toLowerCase() === 'true';
}

/** Reads an integer parameter; undefined when absent, NaN when not a number. */
export function queryInteger(query: Map<string, string>, name: string): number | undefined {
  const value = query.get(name.toLowerCase());
  if (value === undefined || value === '') {
    return undefined;
  }
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}
