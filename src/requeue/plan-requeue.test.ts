import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck, aReviewerCheck } from '../../test/support/builders.js';
import type { PolicyCheck, PullRequest } from './model.js';
import { planRequeue, type ReadPullRequest } from './plan-requeue.js';
import { selectChecks } from './select-checks.js';

const rules = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };

function readOf(pullRequest: PullRequest, checks: PolicyCheck[]): ReadPullRequest {
  return { pullRequest, checks, selections: selectChecks(checks, rules) };
}

describe('planRequeue', () => {
  it('ranks auto-complete first, then pull requests whose other policies pass, then the newest', () => {
    const waiting = readOf(aPullRequest({ id: 1, createdAt: '2026-11-03T00:00:00Z' }), [
      anExpiredBuildCheck(),
      aReviewerCheck({ status: 'rejected' }),
    ]);
    const ready = readOf(aPullRequest({ id: 2, createdAt: '2026-11-01T00:00:00Z' }), [
      anExpiredBuildCheck(),
      aReviewerCheck(),
    ]);
    const autoComplete = readOf(
      aPullRequest({ id: 3, autoComplete: true, createdAt: '2026-10-01T00:00:00Z' }),
      [anExpiredBuildCheck()],
    );

    const plan = planRequeue([waiting, ready, autoComplete], {});

    expect(plan.pullRequests.map((p) => [p.pullRequest.id, p.rank, p.readiness])).toEqual([
      [3, 1, 'auto-complete is set'],
      [2, 2, 'other required policies pass'],
      [1, 3, 'waiting on Minimum number of reviewers'],
    ]);
    expect(plan.requeues.map((r) => r.pullRequest.id)).toEqual([3, 2, 1]);
  });

  it('spends --max-requeues on checks from the top and reports the rest as over budget', () => {
    const first = readOf(aPullRequest({ id: 10, autoComplete: true }), [
      anExpiredBuildCheck(),
      anExpiredBuildCheck(),
    ]);
    const second = readOf(aPullRequest({ id: 11 }), [anExpiredBuildCheck()]);

    const plan = planRequeue([second, first], { maxRequeues: 2 });

    expect(plan.requeues.map((r) => r.pullRequest.id)).toEqual([10, 10]);
    expect(plan.overBudget.map((r) => r.pullRequest.id)).toEqual([11]);
  });

  it('plans nothing for checks that were not selected', () => {
    const plan = planRequeue(
      [readOf(aPullRequest(), [anExpiredBuildCheck({ isExpired: false, status: 'approved' })])],
      {},
    );

    expect(plan.requeues).toEqual([]);
    expect(plan.overBudget).toEqual([]);
  });

  it('treats --max-requeues 0 as a plan that requeues nothing', () => {
    const plan = planRequeue([readOf(aPullRequest(), [anExpiredBuildCheck()])], { maxRequeues: 0 });

    expect(plan.requeues).toHaveLength(0);
    expect(plan.overBudget).toHaveLength(1);
  });
});
