// What a correct run must do, computed from the emulator's own state at the start of the run (not from
// either tool): which checks are expired, which PRs must be read, and the fewest calls that takes.
import type { EmulatorState } from '../../src/emulator/index.js';
import { minimalCalls, pagesFor } from './bench-math.js';

/** The service's largest PR page (reference §3.3); both tools page with it. */
export const PAGE_SIZE = 1000;

export interface ExpectedWork {
  readonly activePullRequests: number;
  /** Drafts and PRs in conflict: azdo-requeue skips them whole and never reads their checks. */
  readonly skippedPullRequests: number;
  /** PRs whose checks azdo-requeue must read. */
  readonly pullRequestsRead: number;
  /** PR list pages, the final short page included (one project, no filters). */
  readonly pages: number;
  /** Expired build checks azdo-requeue must requeue (enabled, not manual-only, on a PR it reads). */
  readonly requeueIds: readonly string[];
  /** Every expired build check: what the baseline recipe requeues. */
  readonly allExpiredIds: readonly string[];
  /** pages + PRs read + requeues: the floor for azdo-requeue's calls. */
  readonly minimalCalls: number;
}

export function computeExpectedWork(state: EmulatorState): ExpectedWork {
  const active = state.pullRequests.filter((pr) => pr.status === 'active');
  const readable = new Set(
    active.filter((pr) => !pr.isDraft && pr.mergeStatus !== 'conflicts').map((pr) => pr.id),
  );
  const activeIds = new Set(active.map((pr) => pr.id));
  const expired = state.evaluations.filter(
    (evaluation) => evaluation.isBuild && evaluation.isExpired && activeIds.has(evaluation.pullRequestId),
  );
  const requeueIds = expired
    .filter((evaluation) => evaluation.isEnabled && !evaluation.manualQueueOnly)
    .filter((evaluation) => readable.has(evaluation.pullRequestId))
    .map((evaluation) => evaluation.evaluationId)
    .sort();
  const pages = pagesFor(active.length, PAGE_SIZE);
  return {
    activePullRequests: active.length,
    skippedPullRequests: active.length - readable.size,
    pullRequestsRead: readable.size,
    pages,
    requeueIds,
    allExpiredIds: expired.map((evaluation) => evaluation.evaluationId).sort(),
    minimalCalls: minimalCalls({ pages, pullRequestsRead: readable.size, requeues: requeueIds.length }),
  };
}

/** The same figures without the id lists, for results.json. */
export function countExpectedWork(work: ExpectedWork) {
  const { requeueIds, allExpiredIds, ...counts } = work;
  return { ...counts, requeues: requeueIds.length, expiredChecks: allExpiredIds.length };
}
