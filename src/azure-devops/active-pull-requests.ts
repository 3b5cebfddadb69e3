// Which pull requests are still active, from a fresh listing instead of one GET per pull request. A check read
// long before its PATCH is checked again first (confirm-still-wanted.ts): the check itself (one GET), and whether
// its pull request is still active. At 10,000 PRs and 100 ms per call the reads outlast that minute, so every
// requeue was checked with two GETs (+40 % calls); one listing of the repository's active pull requests into the
// branch, shared by all its requeues for a minute, answers the second question for a page per 250 pull requests.
import type { PullRequestQuery } from '../requeue/checks-api.js';
import type { PullRequest } from '../requeue/model.js';
import type { Clock } from '../util/clock.js';

/** Pages of active pull requests for a query, as the adapter lists them. */
export type ListPullRequests = (
  query: PullRequestQuery,
  signal?: AbortSignal,
) => AsyncIterable<readonly PullRequest[]>;

/**
 * True: listed as active into its target branch within the last `maxAgeMs`. False: missing from such a listing
 * (completed, abandoned, deleted or retargeted since it was read). Undefined: the listing failed; ask otherwise.
 */
export type IsStillActive = (pullRequest: PullRequest, signal?: AbortSignal) => Promise<boolean | undefined>;

export interface ActivePullRequestsOptions {
  readonly list: ListPullRequests;
  readonly clock: Pick<Clock, 'now'>;
  /** A listing older than this is taken again. @default 60_000 */
  readonly maxAgeMs?: number;
}

interface Listing {
  readonly takenAtMs: number;
  readonly ids: Promise<ReadonlySet<number> | undefined>;
}

export function createActivePullRequests(options: ActivePullRequestsOptions): IsStillActive {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  // One listing per project, repository and target branch, shared by every requeue that asks while it is fresh.
  const listings = new Map<string, Listing>();

  async function listIds(
    query: PullRequestQuery,
    signal?: AbortSignal,
  ): Promise<ReadonlySet<number> | undefined> {
    try {
      const ids = new Set<number>();
      for await (const page of options.list(query, signal)) for (const pr of page) ids.add(pr.id);
      return ids;
    } catch {
      // The caller falls back to reading the pull request itself, which reports its own failure.
      return undefined;
    }
  }

  return async (pullRequest, signal) => {
    const key = `${pullRequest.project.id}\n${pullRequest.repository.id}\n${pullRequest.targetBranch}`;
    const nowMs = options.clock.now();
    let listing = listings.get(key);
    if (listing === undefined || nowMs - listing.takenAtMs >= maxAgeMs) {
      const query: PullRequestQuery = {
        project: pullRequest.project,
        repository: pullRequest.repository,
        targetBranch: pullRequest.targetBranch,
      };
      listing = { takenAtMs: nowMs, ids: listIds(query, signal) };
      listings.set(key, listing);
    }
    const ids = await listing.ids;
    return ids === undefined ? undefined : ids.has(pullRequest.id);
  };
}
