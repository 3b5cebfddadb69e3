// Which pull requests are still active, from a fresh listing instead of one GET per pull request. A check read
// long before its PATCH is checked again first (confirm-still-wanted.ts): the check itself (one GET), and whether
// its pull request is still active. At 10,000 PRs and 100 ms per call the reads outlast that minute, so every
// requeue was checked with two GETs (+40 % calls); one listing of the repository's active pull requests into the
// branch, shared by all its requeues for a few seconds, answers the second question for a page per 250 PRs.
//
// The listing only ever says "still active". Paging is by position, so a pull request closed on an earlier page
// while the pages are read shifts a later one out of sight: missing from the listing proves nothing, and such a
// pull request is read on its own (the caller's fallback), as are those the listing failed to cover.
import type { PullRequestQuery } from '../requeue/checks-api.js';
import type { PullRequest } from '../requeue/model.js';
import type { Clock } from '../util/clock.js';

/** Pages of active pull requests for a query, as the adapter lists them. */
export type ListPullRequests = (
  query: PullRequestQuery,
  signal?: AbortSignal,
) => AsyncIterable<readonly PullRequest[]>;

/** True: listed as active into its target branch within the last `maxAgeMs`. Undefined: read it yourself. */
export type IsStillActive = (pullRequest: PullRequest) => Promise<true | undefined>;

export interface ActivePullRequestsOptions {
  readonly list: ListPullRequests;
  readonly clock: Pick<Clock, 'now'>;
  /** A listing finished longer ago than this is taken again; one still in progress is always shared. */
  readonly maxAgeMs: number;
}

interface Listing {
  readonly ids: Promise<ReadonlySet<number> | undefined>;
  /** When the last page arrived; undefined while the listing is in progress. */
  doneAtMs?: number;
}

export function createActivePullRequests(options: ActivePullRequestsOptions): IsStillActive {
  // One listing per project, repository and target branch, shared by every requeue that asks while it is fresh.
  const listings = new Map<string, Listing>();

  async function listIds(query: PullRequestQuery): Promise<ReadonlySet<number> | undefined> {
    try {
      const ids = new Set<number>();
      for await (const page of options.list(query)) for (const pr of page) ids.add(pr.id);
      return ids;
    } catch {
      // Each pull request is then read on its own, which reports its own failure (or the run's stop).
      return undefined;
    }
  }

  function startListing(pullRequest: PullRequest): Listing {
    const listing: Listing = {
      ids: listIds({
        project: pullRequest.project,
        repository: pullRequest.repository,
        targetBranch: pullRequest.targetBranch,
      }).then((ids) => {
        listing.doneAtMs = options.clock.now();
        return ids;
      }),
    };
    return listing;
  }

  return async (pullRequest) => {
    const key = `${pullRequest.project.id}\n${pullRequest.repository.id}\n${pullRequest.targetBranch}`;
    let listing = listings.get(key);
    const stale =
      listing?.doneAtMs !== undefined && options.clock.now() - listing.doneAtMs >= options.maxAgeMs;
    if (listing === undefined || stale) {
      listing = startListing(pullRequest);
      listings.set(key, listing);
    }
    const ids = await listing.ids;
    return ids?.has(pullRequest.id) === true ? true : undefined;
  };
}
