// Pure planning: ranks the read pull requests and picks which selected checks to requeue within the budget.
import type { PolicyCheck, PullRequest } from './model.js';
import { assessReadiness, rankPullRequests } from './rank-pull-requests.js';
import type { CheckSelection } from './select-checks.js';

export interface ReadPullRequest {
  readonly pullRequest: PullRequest;
  /** Every policy check read, build or not (readiness looks at the others). */
  readonly checks: readonly PolicyCheck[];
  readonly selections: readonly CheckSelection[];
}

export interface PlannedPullRequest extends ReadPullRequest {
  readonly rank: number;
  readonly readiness: string;
}

export interface PlannedRequeue {
  readonly pullRequest: PullRequest;
  readonly check: PolicyCheck;
}

export interface RequeuePlan {
  /** Every read pull request, readiest first. */
  readonly pullRequests: readonly PlannedPullRequest[];
  /** The checks to requeue, in order. */
  readonly requeues: readonly PlannedRequeue[];
  /** Selected checks left out by `--max-requeues`. */
  readonly overBudget: readonly PlannedRequeue[];
}

export interface PlanLimits {
  /** Most checks to requeue in this run; undefined = no limit. */
  readonly maxRequeues?: number;
}

export function planRequeue(read: readonly ReadPullRequest[], limits: PlanLimits): RequeuePlan {
  const ranked = rankPullRequests(read, (entry) => ({
    pullRequest: entry.pullRequest,
    readiness: assessReadiness(entry.pullRequest, entry.checks),
  }));
  const pullRequests = ranked.map(({ item, rank, readiness }) => ({ ...item, rank, readiness }));
  const requeues: PlannedRequeue[] = [];
  const overBudget: PlannedRequeue[] = [];
  const budget = limits.maxRequeues ?? Number.POSITIVE_INFINITY;
  for (const entry of pullRequests) {
    for (const selection of entry.selections) {
      if (!selection.selected) continue;
      const planned = { pullRequest: entry.pullRequest, check: selection.check };
      (requeues.length < budget ? requeues : overBudget).push(planned);
    }
  }
  return { pullRequests, requeues, overBudget };
}
