import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  aFailedBuildCheck,
  aPullRequest,
  anExpiredBuildCheck,
  aReviewerCheck,
  commits,
} from '../../test/support/builders.js';
import { lastActivityOf, parseUtcMs } from './last-activity.js';
import type { PolicyCheck, PullRequest } from './model.js';
import { assessReadiness, rankPullRequests } from './rank-pull-requests.js';
import { selectChecks } from './select-checks.js';

const rules = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };

/** Readiness as the planner sees it: with the selections of this run. */
function readinessOf(pullRequest: PullRequest, checks: readonly PolicyCheck[]) {
  return assessReadiness(pullRequest, checks, selectChecks(checks, rules, pullRequest));
}

describe('assessReadiness', () => {
  it.each([
    [true, 'approved', 0, 'auto-complete is set'],
    [true, 'rejected', 1, 'auto-complete is set, but waiting on Minimum number of reviewers'],
    [false, 'approved', 2, 'other required policies pass'],
    [false, 'queued', 3, 'waiting on Minimum number of reviewers'],
  ] as const)('auto-complete %s, reviewers %s: tier %i (%s)', (autoComplete, reviewers, tier, readiness) => {
    const checks = [anExpiredBuildCheck(), aReviewerCheck({ status: reviewers })];

    expect(readinessOf(aPullRequest({ autoComplete }), checks)).toEqual({ tier, readiness });
  });

  it('ignores optional, disabled and not-applicable policies', () => {
    const checks = [
      aReviewerCheck({ status: 'rejected', isBlocking: false }),
      aReviewerCheck({ status: 'rejected', isEnabled: false }),
      aReviewerCheck({ status: 'notApplicable' }),
    ];

    expect(readinessOf(aPullRequest(), checks).tier).toBe(2);
  });

  it('counts an expired build this run will not requeue (manual only) as waiting', () => {
    const checks = [anExpiredBuildCheck({ manualQueueOnly: true, policyName: 'Manual build' })];

    expect(readinessOf(aPullRequest(), checks).readiness).toBe('waiting on Manual build (expired)');
  });

  it('counts another failed build as waiting, unless this run requeues it', () => {
    const failed = aFailedBuildCheck({ policyName: 'Integration tests' });
    const checks = [anExpiredBuildCheck(), failed];

    const pr = aPullRequest(commits('aaaa0000source', 'a-newer-target'));

    expect(readinessOf(pr, checks).readiness).toBe('waiting on Integration tests (failed)');
    const retrying = selectChecks(checks, { ...rules, retryFailed: true }, pr);
    expect(assessReadiness(pr, checks, retrying).tier).toBe(2);
  });
});

describe('lastActivityOf', () => {
  it('takes the newer of creation and the newest policy build start', () => {
    const pr = aPullRequest({ createdAt: '2026-11-01T10:00:00Z' });
    const checks = [
      anExpiredBuildCheck({ buildStartedAt: '2026-11-03T08:00:00.1234567Z' }),
      anExpiredBuildCheck({ buildStartedAt: '2026-11-02T08:00:00Z' }),
    ];

    expect(lastActivityOf(pr, checks).at).toBe('2026-11-03T08:00:00.1234567Z');
  });

  it('reads a time without a zone as UTC and ignores unreadable ones', () => {
    expect(parseUtcMs('2025-01-10T12:23:16')).toBe(Date.UTC(2025, 0, 10, 12, 23, 16));
    expect(parseUtcMs('yesterday')).toBeUndefined();
    expect(lastActivityOf(aPullRequest({ createdAt: '' }), [])).toEqual({ ms: 0 });
  });
});

const pullRequestArb = fc.record({
  id: fc.integer({ min: 1, max: 60 }),
  autoComplete: fc.boolean(),
  reviewers: fc.constantFrom<'approved' | 'rejected'>('approved', 'rejected'),
  createdDay: fc.integer({ min: 1, max: 28 }),
  builtDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }),
});

type Spec = typeof pullRequestArb extends fc.Arbitrary<infer T> ? T : never;

function entryOf(spec: Spec): { pr: PullRequest; checks: PolicyCheck[] } {
  const day = (d: number) => `2026-02-${String(d).padStart(2, '0')}T12:00:00Z`;
  const build = anExpiredBuildCheck(
    spec.builtDay === undefined ? {} : { buildStartedAt: day(spec.builtDay) },
  );
  return {
    pr: aPullRequest({ id: spec.id, autoComplete: spec.autoComplete, createdAt: day(spec.createdDay) }),
    checks: [build, aReviewerCheck({ status: spec.reviewers })],
  };
}

describe('rankPullRequests (properties)', () => {
  const uniqueEntries = fc
    .uniqueArray(pullRequestArb, { selector: (spec) => spec.id, maxLength: 25 })
    .map((specs) => specs.map(entryOf));
  const rank = (entries: { pr: PullRequest; checks: PolicyCheck[] }[]) =>
    rankPullRequests(entries, (e) => ({
      pullRequest: e.pr,
      checks: e.checks,
      readiness: readinessOf(e.pr, e.checks),
    }));

  it('gives ranks 1..n, readier tiers first, and within a tier the most recent activity first', () => {
    fc.assert(
      fc.property(uniqueEntries, (entries) => {
        const ranked = rank(entries);

        expect(ranked.map((r) => r.rank)).toEqual(entries.map((_, i) => i + 1));
        for (const [i, current] of ranked.entries()) {
          const next = ranked[i + 1];
          if (next === undefined) continue;
          const a = readinessOf(current.item.pr, current.item.checks).tier;
          const b = readinessOf(next.item.pr, next.item.checks).tier;
          expect(a).toBeLessThanOrEqual(b);
          if (a === b) expect(current.lastActivity.ms).toBeGreaterThanOrEqual(next.lastActivity.ms);
        }
      }),
    );
  });

  it('does not depend on the order the pull requests were listed in', () => {
    fc.assert(
      fc.property(uniqueEntries, fc.func(fc.integer()), (entries, key) => {
        const shuffled = [...entries].sort((a, b) => key(a.pr.id) - key(b.pr.id));

        expect(rank(shuffled).map((r) => r.item.pr.id)).toEqual(rank(entries).map((r) => r.item.pr.id));
      }),
    );
  });

  it('puts every auto-complete pull request before every other one', () => {
    fc.assert(
      fc.property(uniqueEntries, (entries) => {
        const order = rank(entries).map((r) => r.item.pr.autoComplete);

        expect(order).toEqual([...order].sort((a, b) => Number(b) - Number(a)));
      }),
    );
  });
});
