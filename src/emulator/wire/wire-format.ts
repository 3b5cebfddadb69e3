// The service's JSON conventions shared by every serializer: dates, collections, omitted fields (§1.4, §10.13).

/** `2026-01-01T10:00:00.1230000Z` for the given epoch milliseconds. */
export function formatDate(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  // toISOString gives milliseconds (3 digits); .NET's round-trip format has 7 (100 ns ticks).
  return `${iso.slice(0, -1)}0000Z`;
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
 * Drops keys whose value is `undefined`: absent optional fields are omitted on the wire, not null (§3.3).
 * Mutates and returns the object to avoid a copy per record on 1,000-item pages.
 */
export function omitUndefined<T extends JsonObject>(object: T): T {
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) {
      delete object[key];
    }
  }
  return object;
}

/** An `{href}` link as used in `_links` (§3.3, §3.6). */
export function link(href: string): { href: string } {
  return { href };
}

/** Percent-encodes one URL path segment the way the service writes names in URLs (`my proj` → `my%20proj`). */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
