// Joins the plan, the unread pull requests and the applied requeues into one result with a verdict for every check.
import type { AppliedRequeues } from './apply-requeue-plan.js';
import type { CheckVerdict, PullRequestVerdict, RequeueResult, RequeueSummary } from './model.js';
import type { PlannedPullRequest, RequeuePlan } from './plan-requeue.js';

export interface ResultParts {
  readonly organization: string;
  readonly dryRun: boolean;
  readonly interrupted: boolean;
  readonly plan: RequeuePlan;
  readonly unread: readonly PullRequestVerdict[];
  readonly applied: AppliedRequeues;
}

export function assembleResult(parts: ResultParts): RequeueResult {
  const overBudget = new Set(parts.plan.overBudget.map(({ check }) => check.evaluationId));
  const readVerdicts = parts.plan.pullRequests.map((entry) =>
    verdictOfReadPullRequest(entry, parts.applied, overBudget),
  );
  const pullRequests = [...readVerdicts, ...parts.unread];
  return {
    organization: parts.organization,
    dryRun: parts.dryRun,
    interrupted: parts.interrupted,
    pullRequests,
    summary: summarize(pullRequests),
    authFailure: parts.applied.authFailure,
  };
}

function verdictOfReadPullRequest(
  entry: PlannedPullRequest,
  applied: AppliedRequeues,
  overBudget: ReadonlySet<string>,
): PullRequestVerdict {
  const checks = entry.selections.map((selection): CheckVerdict => {
    const { check } = selection;
    if (!selection.selected) {
      return { check, action: 'skipped', skipReason: selection.skipReason, reason: selection.reason };
    }
    if (overBudget.has(check.evaluationId)) {
      return {
        check,
        action: 'skipped',
        skipReason: 'budget',
        reason: 'build expired, but --max-requeues was reached',
      };
    }
    return (
      applied.verdicts.get(check.evaluationId) ?? {
        check,
        action: 'skipped',
        skipReason: 'interrupted',
        reason: 'run interrupted before this requeue started',
      }
    );
  });
  return { pullRequest: entry.pullRequest, rank: entry.rank, readiness: entry.readiness, checks };
}

/** Failed reads count as failures too: a check that could not be read was neither requeued nor skipped. */
export function summarize(pullRequests: readonly PullRequestVerdict[]): RequeueSummary {
  let checks = 0;
  const counts = { requeued: 0, 'would-requeue': 0, skipped: 0, failed: 0 };
  for (const pullRequest of pullRequests) {
    if (pullRequest.error !== undefined) counts.failed += 1;
    for (const verdict of pullRequest.checks) {
      checks += 1;
      counts[verdict.action] += 1;
    }
  }
  return {
    pullRequests: pullRequests.length,
    checks,
    requeued: counts.requeued,
    wouldRequeue: counts['would-requeue'],
    skipped: counts.skipped,
    failed: counts.failed,
  };
}
