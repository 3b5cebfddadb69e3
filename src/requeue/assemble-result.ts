// Joins the plan, the unread pull requests and the applied requeues into one result with a verdict for every check.
import type { AppliedRequeues } from './apply-requeue-plan.js';
import type { CheckVerdict, ListingFailure, PullRequestVerdict, RequeueResult } from './model.js';
import type { HeldRequeue, PlannedPullRequest, RequeuePlan } from './plan-requeue.js';
import { summarize } from './summarize-result.js';

export interface ResultParts {
  readonly organization: string;
  readonly dryRun: boolean;
  readonly interrupted: boolean;
  readonly plan: RequeuePlan;
  readonly unread: readonly PullRequestVerdict[];
  readonly applied: AppliedRequeues;
  readonly listingFailures?: readonly ListingFailure[];
  /** The reading stopped after an authentication failure. */
  readonly authStopped?: boolean;
}

export function assembleResult(parts: ResultParts): RequeueResult {
  const held = new Map(parts.plan.held.map((entry) => [entry.check.evaluationId, entry]));
  const readVerdicts = parts.plan.pullRequests.map((entry) =>
    verdictOfReadPullRequest(entry, parts.applied, held),
  );
  const pullRequests = [...readVerdicts, ...parts.unread];
  const listingFailures = parts.listingFailures ?? [];
  return {
    organization: parts.organization,
    dryRun: parts.dryRun,
    interrupted: parts.interrupted,
    pullRequests,
    summary: summarize(pullRequests, listingFailures),
    ...(parts.plan.capacity === undefined ? {} : { capacity: parts.plan.capacity }),
    authFailure:
      parts.applied.authFailure ||
      parts.authStopped === true ||
      listingFailures.some((failure) => failure.authFailure),
    ...(listingFailures.length > 0 ? { listingFailures } : {}),
  };
}

function verdictOfReadPullRequest(
  entry: PlannedPullRequest,
  applied: AppliedRequeues,
  held: ReadonlyMap<string, HeldRequeue>,
): PullRequestVerdict {
  const checks = entry.selections.map((selection): CheckVerdict => {
    const { check } = selection;
    if (!selection.selected) {
      return { check, action: 'skipped', skipReason: selection.skipReason, reason: selection.reason };
    }
    const hold = held.get(check.evaluationId);
    if (hold !== undefined) {
      return {
        check,
        action: 'skipped',
        skipReason: hold.skipReason,
        reason: hold.holdReason,
        trigger: selection.trigger,
      };
    }
    return (
      applied.verdicts.get(check.evaluationId) ?? {
        check,
        action: 'skipped',
        skipReason: 'interrupted',
        reason: 'run interrupted before this requeue started',
        trigger: selection.trigger,
      }
    );
  });
  return {
    pullRequest: entry.pullRequest,
    rank: entry.rank,
    readiness: entry.readiness,
    ...(entry.lastActivity === undefined ? {} : { lastActivity: entry.lastActivity }),
    checks,
  };
}
