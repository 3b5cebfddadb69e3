// Pure readiness ranking: spend the build budget on the pull requests closest to merging first.
import { lastActivityOf, type LastActivity } from './last-activity.js';
import type { PolicyCheck, PullRequest } from './model.js';
import type { CheckSelection } from './select-checks.js';

export interface Readiness {
  /** Lower is readier (0–3). */
  readonly tier: number;
  /** A short human reason, shown in the report. */
  readonly readiness: string;
}

export interface RankedPullRequest<T> {
  readonly item: T;
  /** 1 = first in line. */
  readonly rank: number;
  readonly readiness: string;
  readonly lastActivity: LastActivity;
}

/**
 * Auto-complete first (it merges as soon as its policies pass), then whether every other blocking policy already
 * passes, as two keys in that order:
 * tier 0 auto-complete and nothing else waits; tier 1 auto-complete but something waits;
 * tier 2 nothing else waits; tier 3 something waits.
 * `selections` are the build checks this run will requeue: those are not "waiting", the run is fixing them.
 */
export function assessReadiness(
  pullRequest: PullRequest,
  checks: readonly PolicyCheck[],
  selections: readonly CheckSelection[],
): Readiness {
  const requeued = new Set(selections.filter((s) => s.selected).map((s) => s.check.evaluationId));
  const waiting = checks.filter((check) => !requeued.has(check.evaluationId) && isWaiting(check));
  const names = [...new Set(waiting.map(describeWaiting))].join(', ');
  if (pullRequest.autoComplete) {
    return waiting.length === 0
      ? { tier: 0, readiness: 'auto-complete is set' }
      : { tier: 1, readiness: `auto-complete is set, but waiting on ${names}` };
  }
  if (waiting.length === 0) return { tier: 2, readiness: 'other required policies pass' };
  return { tier: 3, readiness: `waiting on ${names}` };
}

/**
 * A blocking policy stands between the PR and its merge when it has not passed: reviewers, work items, comments
 * or a status still pending or rejected; or another build that failed or expired and is not being requeued.
 * Builds queued or running may still pass, so they do not count.
 */
function isWaiting(check: PolicyCheck): boolean {
  if (!check.isBlocking || !check.isEnabled) return false;
  if (check.isBuildPolicy) return check.isExpired || check.status === 'rejected' || check.status === 'broken';
  return check.status !== 'approved' && check.status !== 'notApplicable';
}

function describeWaiting(check: PolicyCheck): string {
  if (!check.isBuildPolicy) return check.policyName;
  return `${check.policyName} (${check.isExpired ? 'expired' : 'failed'})`;
}

/** Orders by tier, then most recent activity, then newest id, so the order is total and stable. */
export function rankPullRequests<T>(
  items: readonly T[],
  describe: (item: T) => { pullRequest: PullRequest; readiness: Readiness; checks?: readonly PolicyCheck[] },
): RankedPullRequest<T>[] {
  const keyed = items.map((item) => {
    const described = describe(item);
    return { item, ...described, activity: lastActivityOf(described.pullRequest, described.checks ?? []) };
  });
  keyed.sort(
    (a, b) =>
      a.readiness.tier - b.readiness.tier ||
      b.activity.ms - a.activity.ms ||
      b.pullRequest.id - a.pullRequest.id ||
      b.pullRequest.project.id.localeCompare(a.pullRequest.project.id),
  );
  return keyed.map((entry, index) => ({
    item: entry.item,
    rank: index + 1,
    readiness: entry.readiness.readiness,
    lastActivity: entry.activity,
  }));
}
