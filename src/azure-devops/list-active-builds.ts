// Lists the builds of some pipeline definitions that are queued or running, every page (one project per call).
import type { ActiveBuild } from '../requeue/checks-api.js';
import type { ProjectRef } from '../requeue/model.js';
import { activeBuildsUrl } from './endpoints.js';
import { parseAnswer, type GetJson } from './get-json.js';
import { readCollection } from './json-guards.js';
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
): Promise<ActiveBuild[]> {
  const what = `list builds in flight of project "${project.name}"`;
  const builds: ActiveBuild[] = [];
  const seen = new Set<number>();
  for (let start = 0; start < definitionIds.length; start += DEFINITIONS_PER_CALL) {
    const chunk = definitionIds.slice(start, start + DEFINITIONS_PER_CALL);
    const pages = paginateByContinuation(
      get,
      (token) => activeBuildsUrl(org, project.id, chunk, PAGE_SIZE, token),
      what,
      signal,
    );
    for await (const body of pages) {
      for (const item of parseAnswer(what, () => readCollection(body, what))) {
        const build = parseActiveBuild(item);
        // Pages are not a snapshot: a build may appear on two of them; count it once.
        if (build && !seen.has(build.id)) {
          seen.add(build.id);
          builds.push(build);
        }
      }
    }
  }
  return builds;
}
