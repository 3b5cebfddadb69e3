// Pure planning: ranks the read pull requests, then walks their selected checks readiest first and decides which
// ones get a build now, within the builds already in flight, the capacity left and the --max-requeues budget.
import { createCapacityLedger, type CapacityLimits } from './build-capacity.js';
import type { CapacityUsage, PolicyCheck, PullRequest, RequeueTrigger, SkipReason } from './model.js';
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
  /** ISO time of the activity the ranking used, when one was readable. */
  readonly lastActivity?: string;
}

export interface PlannedRequeue {
  readonly pullRequest: PullRequest;
  readonly check: PolicyCheck;
  /** Absent only in plans built by hand (tests); the planner always sets both. */
  readonly trigger?: RequeueTrigger;
  readonly reason?: string;
}

/** A selected check the plan does not requeue in this run, and why. */
export interface HeldRequeue extends PlannedRequeue {
  readonly skipReason: Extract<SkipReason, 'budget' | 'deferred' | 'build-in-progress'>;
  readonly holdReason: string;
}

export interface RequeuePlan {
  /** Every read pull request, readiest first. */
  readonly pullRequests: readonly PlannedPullRequest[];
  /** The checks to requeue, in order. */
  readonly requeues: readonly PlannedRequeue[];
  /** Selected checks left out by `--max-requeues`. */
  readonly overBudget: readonly PlannedRequeue[];
  /** Every selected check not requeued: over budget, deferred for capacity, or its build found in flight. */
  readonly held: readonly HeldRequeue[];
  /** How the capacity was spent, when `--max-builds-in-flight` was given. */
  readonly capacity?: readonly CapacityUsage[];
}

export interface PlanLimits {
  /** Most checks to requeue in this run; undefined = no limit. */
  readonly maxRequeues?: number;
  /** Builds in flight and the per-definition limit; undefined = capacity is not looked at. */
  readonly capacity?: CapacityLimits;
}

export function planRequeue(read: readonly ReadPullRequest[], limits: PlanLimits): RequeuePlan {
  const ranked = rankPullRequests(read, (entry) => ({
    pullRequest: entry.pullRequest,
    checks: entry.checks,
    readiness: assessReadiness(entry.pullRequest, entry.checks, entry.selections),
  }));
  // Named fields, not `{ ...item, ... }`: V8 gave every object built by that spread a hidden class of its own,
  // 10,000 of them (3 MB) at 10,000 pull requests (docs/performance.md).
  const pullRequests = ranked.map(({ item, rank, readiness, lastActivity }): PlannedPullRequest => {
    const { pullRequest, checks, selections } = item;
    return lastActivity.at === undefined
      ? { pullRequest, checks, selections, rank, readiness }
      : { pullRequest, checks, selections, rank, readiness, lastActivity: lastActivity.at };
  });
  const ledger = limits.capacity ? createCapacityLedger(limits.capacity) : undefined;
  const budget = limits.maxRequeues ?? Number.POSITIVE_INFINITY;
  const requeues: PlannedRequeue[] = [];
  const held: HeldRequeue[] = [];
  // Each check at most once per run, even if a pull request were listed twice.
  const seen = new Set<string>();
  for (const entry of pullRequests) {
    for (const selection of entry.selections) {
      if (!selection.selected || seen.has(selection.check.evaluationId)) continue;
      seen.add(selection.check.evaluationId);
      const { check, trigger, reason } = selection;
      const planned: PlannedRequeue = { pullRequest: entry.pullRequest, check, trigger, reason };
      const projectId = entry.pullRequest.project.id;
      const hold = (skipReason: HeldRequeue['skipReason'], holdReason: string): void => {
        held.push({ ...planned, skipReason, holdReason });
      };
      if (ledger?.isBuildInFlight(projectId, check.buildId)) {
        hold(
          'build-in-progress',
          `its build ${check.buildId} is queued or running; a requeue would cancel it`,
        );
        continue;
      }
      const noRoom = ledger?.whyNoRoom(projectId, check.buildDefinitionId);
      if (noRoom !== undefined) {
        ledger?.defer(projectId, check.buildDefinitionId);
        hold('deferred', noRoom);
      } else if (requeues.length >= budget) {
        hold('budget', `${reason}, but --max-requeues was reached`);
      } else {
        if (ledger && check.buildDefinitionId !== undefined) ledger.take(projectId, check.buildDefinitionId);
        requeues.push(planned);
      }
    }
  }
  const overBudget = held.filter((entry) => entry.skipReason === 'budget');
  return { pullRequests, requeues, overBudget, held, ...(ledger ? { capacity: ledger.usage() } : {}) };
}
