// Bounds on what one listing may hold, so a server that keeps answering full pages (or one huge answer) ends the
// listing with a clear failure instead of driving the process out of memory (issue 16.4: about 1 GB in 20 s).
import { ApiFailure } from '../requeue/checks-api.js';

/** Items one listing may hold before it is stopped; far above any real organization, far below a runaway. */
export interface ListingLimits {
  /** Active pull requests of one query (project × repository × target branch); 10,000 take about 140 MB. */
  readonly pullRequests: number;
  /** Policy evaluations of one pull request; a branch has a handful of policies, never thousands. */
  readonly evaluations: number;
  /** Projects of the organization (the service allows 1,000), repositories, builds in flight of a project. */
  readonly projects: number;
  readonly repositories: number;
  readonly builds: number;
}

export const DEFAULT_LISTING_LIMITS: ListingLimits = {
  pullRequests: 20_000,
  evaluations: 2_000,
  projects: 20_000,
  repositories: 20_000,
  builds: 20_000,
};

/**
 * No Azure DevOps version is known to cap a page below 100 (pull requests default to 101, evaluations to 100,
 * reference §3.3, §3.4), so a page shorter than this and than `$top` is the last one; a longer short page may
 * be a cap and is followed by the next.
 */
export const SMALLEST_PAGE_CAP = 100;

export function tooManyItems(what: string, limit: number): ApiFailure {
  return new ApiFailure(
    'other',
    `${what}: stopped after ${limit} items, the most one listing may hold (the server kept sending pages)`,
    'too-many-items',
  );
}

export function pagingDidNotAdvance(what: string, how: string): ApiFailure {
  return new ApiFailure('other', `${what}: ${how}, so paging stopped`, 'bad-paging');
}
