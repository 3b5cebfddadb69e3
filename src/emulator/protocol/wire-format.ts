// The service's JSON conventions shared by every serializer: dates, collections, omitted fields (§1.4, §10.13).

// Entity dates repeat on every answer (creationDate, createdDate, queueTime): formatting them once matters (§8 brief).
const DATE_CACHE = new Map<number, string>();
const DATE_CACHE_LIMIT = 100_000;

/** `2026-01-01T10:00:00.1230000Z` for the given epoch milliseconds. */
export function formatDate(epochMs: number): string {
  let text = DATE_CACHE.get(epochMs);
  if (text === undefined) {
    // toISOString gives milliseconds (3 digits); .NET's round-trip format has 7 (100 ns ticks).
    text = `${new Date(epochMs).toISOString().slice(0, -1)}0000Z`;
    if (DATE_CACHE.size >= DATE_CACHE_LIMIT) DATE_CACHE.clear();
    DATE_CACHE.set(epochMs, text);
  }
  return text;
}

/** A list answer: `{"count":n,"value":[…]}` (§1.4: collections are wrapped). */
export interface Collection<T> {
  count: number;
  value: T[];
}

export function toCollection<T>(value: T[]): Collection<T> {
  return { count: value.length, value };
}

/** A JSON object as serializers build it before it is written. */
export type JsonObject = Record<string, unknown>;

/**
 * Serializes an answer. Keys whose value is `undefined` disappear here, which is how absent optional fields are
 * omitted rather than null (§3.3); serializers therefore never delete keys (that would slow every object down).
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** An `{href}` link as used in `_links` (§3.3, §3.6). */
export function link(href: string): { href: string } {
  return { href };
}

/** Percent-encodes one URL path segment the way the service writes names in URLs (`my proj` → `my%20proj`). */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
