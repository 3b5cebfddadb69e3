// Lists the pull-request builds of some definitions queued since a time: the cross-run guard's evidence that
// another run (or a push) requeued a check after this run read it (decision 0014).
import type { BuildWindow, PullRequestBuild } from '../requeue/checks-api.js';
import type { ProjectRef } from '../requeue/model.js';
import { pullRequestBuildsUrl } from './endpoints.js';
import type { GetJson } from './get-json.js';
import { listBuilds } from './list-builds.js';
import { DEFAULT_LISTING_LIMITS } from './listing-limits.js';
import { parsePullRequestBuild } from './parse-build.js';

/**
 * Small pages: a refresh during the requeues finds a few dozen new builds (a run requeues a few hundred a second
 * at most), and with the early stop below it reads one page, not the whole window of a busy run again; each
 * build is about 2.5 kB of JSON that both sides spend time on.
 */
const PAGE_SIZE = 100;

export function listPullRequestBuilds(
  get: GetJson,
  org: string,
  project: ProjectRef,
  definitionIds: readonly number[],
  window: BuildWindow,
  signal?: AbortSignal,
  maxItems = DEFAULT_LISTING_LIMITS.builds,
): Promise<PullRequestBuild[]> {
  // Whole seconds: the service parses the time itself, and a coarser bound only lists a little more.
  const minTime = new Date(Math.floor(window.sinceMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const seenUpToId = window.seenUpToId;
  return listBuilds({
    get,
    project,
    definitionIds,
    urlFor: (chunk, token) => pullRequestBuildsUrl(org, project.id, chunk, minTime, PAGE_SIZE, token),
    what: `list pull-request builds of project "${project.name}"`,
    parse: parsePullRequestBuild,
    maxItems,
    // Newest queued first: a page with nothing newer than what was listed before ends a refresh. A full page of
    // new builds asks for the next; the window's start still bounds the first listing.
    ...(seenUpToId === undefined
      ? {}
      : {
          enoughAfter: (page: readonly PullRequestBuild[]) => page.every((build) => build.id <= seenUpToId),
        }),
    signal,
  });
}
