// Lists the builds of some pipeline definitions that are queued or running, every page (one project per call).
import type { ActiveBuild } from '../requeue/checks-api.js';
import type { ProjectRef } from '../requeue/model.js';
import { activeBuildsUrl } from './endpoints.js';
import type { GetJson } from './get-json.js';
import { readCollection, requireNumber, type JsonObject } from './json-guards.js';
import { DEFAULT_LISTING_LIMITS } from './listing-limits.js';
import { paginateByContinuation } from './paginate-continuation.js';
import { parseActiveBuild } from './parse-build.js';

/** Builds - List caps `$top` at 1000 like the other lists; a longer answer carries a continuation token. */
const PAGE_SIZE = 1000;
/** Keeps each URL short whatever the number of definitions; one project rarely has more than a few. */
const DEFINITIONS_PER_CALL = 100;

export async function listActiveBuilds(
  get: GetJson,
  org: string,
  project: ProjectRef,
  definitionIds: readonly number[],
  signal?: AbortSignal,
  maxItems = DEFAULT_LISTING_LIMITS.builds,
): Promise<ActiveBuild[]> {
  const what = `list builds in flight of project "${project.name}"`;
  const builds: ActiveBuild[] = [];
  const seen = new Set<number>();
  for (let start = 0; start < definitionIds.length; start += DEFINITIONS_PER_CALL) {
    const chunk = definitionIds.slice(start, start + DEFINITIONS_PER_CALL);
    const pages = paginateByContinuation({
      get,
      urlFor: (token) => activeBuildsUrl(org, project.id, chunk, PAGE_SIZE, token),
      what,
      parse: (body) => readCollection(body, what).map(toListedBuild),
      idOf: (listed) => listed.id,
      maxItems,
      ...(signal ? { signal } : {}),
    });
    for await (const page of pages) {
      for (const { id, active } of page) {
        // Pages are not a snapshot (the paging drops a repeat within one listing); chunks may share a build.
        if (active && !seen.has(id)) {
          seen.add(id);
          builds.push(active);
        }
      }
    }
  }
  return builds;
}

/** A listed build; `active` is undefined for one that finished while the list was built. */
function toListedBuild(item: unknown): { id: number; active: ActiveBuild | undefined } {
  const active = parseActiveBuild(item);
  return { id: active?.id ?? requireNumber(item as JsonObject, 'id', 'build'), active };
}
