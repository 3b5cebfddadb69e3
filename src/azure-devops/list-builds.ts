// Lists builds of some pipeline definitions in one project, every page, each build once: the walk shared by the
// capacity read (builds in flight) and the cross-run guard (pull-request builds queued since the run began).
import type { ProjectRef } from '../requeue/model.js';
import type { GetJson } from './get-json.js';
import { readCollection, requireNumber, type JsonObject } from './json-guards.js';
import { paginateByContinuation } from './paginate-continuation.js';

/** Builds - List caps `$top` at 1000 like the other lists; a longer answer carries a continuation token. */
export const BUILD_PAGE_SIZE = 1000;
/** Keeps each URL short whatever the number of definitions; one project rarely has more than a few. */
const DEFINITIONS_PER_CALL = 100;

export interface BuildListing<T> {
  readonly get: GetJson;
  readonly project: ProjectRef;
  readonly definitionIds: readonly number[];
  /** The URL of one page for some of the definitions; no token for the first page. */
  readonly urlFor: (definitionIds: readonly number[], continuationToken: string | undefined) => URL;
  readonly what: string;
  /** The build as the caller wants it, or undefined to leave it out (one that moved on while listed). */
  readonly parse: (item: unknown) => T | undefined;
  readonly maxItems: number;
  /** Whether the listing has what it needs after this page (of builds kept), so no later page is asked for. */
  readonly enoughAfter?: (page: readonly T[]) => boolean;
  readonly signal?: AbortSignal | undefined;
}

export async function listBuilds<T>(listing: BuildListing<T>): Promise<T[]> {
  const { definitionIds, what } = listing;
  const builds: T[] = [];
  const seen = new Set<number>();
  for (let start = 0; start < definitionIds.length; start += DEFINITIONS_PER_CALL) {
    const chunk = definitionIds.slice(start, start + DEFINITIONS_PER_CALL);
    const pages = paginateByContinuation({
      get: listing.get,
      urlFor: (token) => listing.urlFor(chunk, token),
      what,
      parse: (body) =>
        readCollection(body, what).map((item) => ({
          id: requireNumber(item as JsonObject, 'id', 'build'),
          value: listing.parse(item),
        })),
      idOf: (listed) => listed.id,
      maxItems: listing.maxItems,
      ...(listing.signal ? { signal: listing.signal } : {}),
    });
    for await (const page of pages) {
      const kept: T[] = [];
      for (const { id, value } of page) {
        // Pages are not a snapshot (the paging drops a repeat within one listing); chunks may share a build.
        if (value !== undefined && !seen.has(id)) {
          seen.add(id);
          kept.push(value);
        }
      }
      builds.push(...kept);
      if (listing.enoughAfter?.(kept) === true) break;
    }
  }
  return builds;
}
