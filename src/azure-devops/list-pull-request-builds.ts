// Lists the pull-request builds of some definitions queued since a time: the cross-run guard's evidence that
// another run (or a push) requeued a check after this run read it (decision 0014).
import type { PullRequestBuild } from '../requeue/checks-api.js';
import type { ProjectRef } from '../requeue/model.js';
import { pullRequestBuildsUrl } from './endpoints.js';
import type { GetJson } from './get-json.js';
import { BUILD_PAGE_SIZE, listBuilds } from './list-builds.js';
import { DEFAULT_LISTING_LIMITS } from './listing-limits.js';
import { parsePullRequestBuild } from './parse-build.js';

export function listPullRequestBuilds(
  get: GetJson,
  org: string,
  project: ProjectRef,
  definitionIds: readonly number[],
  sinceMs: number,
  signal?: AbortSignal,
  maxItems = DEFAULT_LISTING_LIMITS.builds,
): Promise<PullRequestBuild[]> {
  // Whole seconds: the service parses the time itself, and a coarser bound only lists a little more.
  const minTime = new Date(Math.floor(sinceMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return listBuilds({
    get,
    project,
    definitionIds,
    urlFor: (chunk, token) => pullRequestBuildsUrl(org, project.id, chunk, minTime, BUILD_PAGE_SIZE, token),
    what: `list pull-request builds of project "${project.name}"`,
    parse: parsePullRequestBuild,
    maxItems,
    signal,
  });
}
