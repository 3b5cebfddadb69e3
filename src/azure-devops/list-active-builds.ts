// Lists the builds of some pipeline definitions that are queued or running, every page (one project per call).
import type { ActiveBuild } from '../requeue/checks-api.js';
import type { ProjectRef } from '../requeue/model.js';
import { activeBuildsUrl } from './endpoints.js';
import type { GetJson } from './get-json.js';
import { BUILD_PAGE_SIZE, listBuilds } from './list-builds.js';
import { DEFAULT_LISTING_LIMITS } from './listing-limits.js';
import { parseActiveBuild } from './parse-build.js';

export function listActiveBuilds(
  get: GetJson,
  org: string,
  project: ProjectRef,
  definitionIds: readonly number[],
  signal?: AbortSignal,
  maxItems = DEFAULT_LISTING_LIMITS.builds,
): Promise<ActiveBuild[]> {
  return listBuilds({
    get,
    project,
    definitionIds,
    urlFor: (chunk, token) => activeBuildsUrl(org, project.id, chunk, BUILD_PAGE_SIZE, token),
    what: `list builds in flight of project "${project.name}"`,
    // Undefined for a build that finished while the list was built: counting it would only defer work needlessly.
    parse: parseActiveBuild,
    maxItems,
    signal,
  });
}
