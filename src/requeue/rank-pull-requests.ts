// Pure readiness ranking: spend the build budget on the pull requests closest to merging first.
import type { PolicyCheck, PullRequest } from './model.js';

export interface Readiness {
  /** Lower is readier. */
  readonly tier: number;
  /** A short human reason, shown in the report. */
  readonly readiness: string;
}

export interface RankedPullRequest<T> {
  readonly item: T;
  /** 1 = first in line. */
  readonly rank: number;
  readonly readiness: string;
}

/**
 * Tier 0: auto-complete is set (it merges as soon as the build passes).
 * Tier 1: every other blocking policy (reviewers, work items, comments, status) already passes.
 * Tier 2: other blocking policies still wait.
 */
export function assessReadiness(pullRequest: PullRequest, checks: readonly PolicyCheck[]): Readiness {
  if (pullRequest.autoComplete) return { tier: 0, readiness: 'auto-complete is set' };
  const waiting = checks.filter(
    (check) => !check.isBuildPolicy && check.isBlocking && check.isEnabled && check.status !== 'approved',
  );
  if (waiting.length === 0) return { tier: 1, readiness: 'other required policies pass' };
  const names = waiting.map((check) => check.policyName).join(', ');
  return { tier: 2, readiness: `waiting on ${names}` };
}

/** Orders by tier, then newest first (creation time, then id), so the order is total and stable. */
export function rankPullRequests<T>(
  items: readonly T[],
  describe: (item: T) => { pullRequest: PullRequest; readiness: Readiness },
): RankedPullRequest<T>[] {
  const keyed = items.map((item) => ({ item, ...describe(item) }));
  keyed.sort(
    (a, b) =>
      a.readiness.tier - b.readiness.tier ||
      b.pullRequest.createdAt.localeCompare(a.pullRequest.createdAt) ||
      b.pullRequest.id - a.pullRequest.id,
  );
  return keyed.map((entry, index) => ({
    item: entry.item,
    rank: index + 1,
    readiness: entry.readiness.readiness,
  }));
}
