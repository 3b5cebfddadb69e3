import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { aPullRequest, anActiveBuild, anExpiredBuildCheck } from '../../test/support/builders.js';
import type { ActiveBuild } from './checks-api.js';
import type { PolicyCheck, PullRequest } from './model.js';
import { planRequeue, type ReadPullRequest } from './plan-requeue.js';
import { selectChecks } from './select-checks.js';

const rules = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };

function readOf(pullRequest: PullRequest, checks: PolicyCheck[]): ReadPullRequest {
  return { pullRequest, checks, selections: selectChecks(checks, rules, pullRequest) };
}

const projectId = aPullRequest().project.id;

function inFlight(builds: ActiveBuild[]) {
  return [{ projectId, projectName: 'Fabrikam', builds }];
}

describe('planRequeue with --max-builds-in-flight', () => {
  it('starts builds for the readiest up to the capacity left and defers the rest', () => {
    const read = [3, 2, 1].map((id) => readOf(aPullRequest({ id }), [anExpiredBuildCheck()]));

    const plan = planRequeue(read, {
      capacity: { maxBuildsInFlight: 2, inFlight: inFlight([anActiveBuild({ definitionId: 7 })]) },
    });

    expect(plan.requeues.map((r) => r.pullRequest.id)).toEqual([3]);
    expect(plan.held.map((h) => [h.pullRequest.id, h.skipReason])).toEqual([
      [2, 'deferred'],
      [1, 'deferred'],
    ]);
    expect(plan.capacity).toEqual([
      { projectId, projectName: 'Fabrikam', definitionId: 7, limit: 2, inFlight: 1, planned: 1, deferred: 2 },
    ]);
  });

  it('counts capacity per definition: a full one does not hold back another', () => {
    const busy = readOf(aPullRequest({ id: 2 }), [anExpiredBuildCheck({ buildDefinitionId: 7 })]);
    const free = readOf(aPullRequest({ id: 1 }), [anExpiredBuildCheck({ buildDefinitionId: 8 })]);

    const plan = planRequeue([busy, free], {
      capacity: { maxBuildsInFlight: 1, inFlight: inFlight([anActiveBuild({ definitionId: 7 })]) },
    });

    expect(plan.requeues.map((r) => r.check.buildDefinitionId)).toEqual([8]);
  });

  it('never requeues a check whose build the Build API lists as queued or running, even if it reads expired', () => {
    const check = anExpiredBuildCheck({ buildId: 555 });

    const plan = planRequeue([readOf(aPullRequest(), [check])], {
      capacity: {
        maxBuildsInFlight: 10,
        inFlight: inFlight([anActiveBuild({ id: 555, status: 'notStarted' })]),
      },
    });

    expect(plan.requeues).toEqual([]);
    expect(plan.held[0]).toMatchObject({ skipReason: 'build-in-progress' });
  });

  it('reports a check as over budget, not deferred, when capacity was left', () => {
    const read = [2, 1].map((id) => readOf(aPullRequest({ id }), [anExpiredBuildCheck()]));

    const plan = planRequeue(read, {
      maxRequeues: 1,
      capacity: { maxBuildsInFlight: 5, inFlight: inFlight([]) },
    });

    expect(plan.held.map((h) => h.skipReason)).toEqual(['budget']);
    expect(plan.overBudget.map((o) => o.pullRequest.id)).toEqual([1]);
  });

  it('looks at no capacity without the flag', () => {
    const plan = planRequeue([readOf(aPullRequest(), [anExpiredBuildCheck()])], {});

    expect(plan.capacity).toBeUndefined();
    expect(plan.requeues).toHaveLength(1);
  });
});

const worldArb = fc.record({
  limit: fc.integer({ min: 1, max: 4 }),
  maxRequeues: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  pullRequests: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 1, max: 500 }),
      autoComplete: fc.boolean(),
      checks: fc.array(
        fc.record({ definition: fc.integer({ min: 1, max: 3 }), build: fc.integer({ min: 1, max: 40 }) }),
        {
          minLength: 1,
          maxLength: 2,
        },
      ),
    }),
    { selector: (pr) => pr.id, maxLength: 20 },
  ),
  inFlight: fc.array(
    fc.record({ definition: fc.integer({ min: 1, max: 3 }), build: fc.integer({ min: 1, max: 40 }) }),
    {
      maxLength: 8,
    },
  ),
});

describe('planRequeue with capacity (properties)', () => {
  it('never exceeds the capacity left, never cancels, accounts every check once, and serves the readiest first', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const builds = [...new Map(world.inFlight.map((b) => [b.build, b])).values()].map((b) =>
          anActiveBuild({ id: b.build, definitionId: b.definition }),
        );
        const read = world.pullRequests.map((spec) =>
          readOf(
            aPullRequest({ id: spec.id, autoComplete: spec.autoComplete }),
            spec.checks.map((c) =>
              anExpiredBuildCheck({ buildDefinitionId: c.definition, buildId: c.build }),
            ),
          ),
        );
        const plan = planRequeue(read, {
          ...(world.maxRequeues === undefined ? {} : { maxRequeues: world.maxRequeues }),
          capacity: { maxBuildsInFlight: world.limit, inFlight: inFlight(builds) },
        });

        const selected = read.flatMap((r) => r.selections.map((s) => s.check.evaluationId));
        const decided = [...plan.requeues, ...plan.held].map((p) => p.check.evaluationId);
        expect(decided.sort()).toEqual(selected.sort());
        const inFlightIds = new Set(builds.map((b) => b.id));
        expect(plan.requeues.every((r) => !inFlightIds.has(r.check.buildId ?? -1))).toBe(true);
        expect(plan.requeues.length).toBeLessThanOrEqual(world.maxRequeues ?? Infinity);
        const rankOf = new Map(plan.pullRequests.map((p) => [p.pullRequest.id, p.rank]));
        for (const definition of [1, 2, 3]) {
          const running = builds.filter((b) => b.definitionId === definition).length;
          const started = plan.requeues.filter((r) => r.check.buildDefinitionId === definition);
          expect(started.length).toBeLessThanOrEqual(Math.max(0, world.limit - running));
          const deferred = plan.held.filter(
            (h) => h.skipReason === 'deferred' && h.check.buildDefinitionId === definition,
          );
          if (deferred.length > 0) expect(started.length + running).toBeGreaterThanOrEqual(world.limit);
          const lastStarted = Math.max(0, ...started.map((r) => rankOf.get(r.pullRequest.id) ?? 0));
          expect(deferred.every((h) => (rankOf.get(h.pullRequest.id) ?? 0) >= lastStarted)).toBe(true);
        }
        const ranks = plan.requeues.map((r) => rankOf.get(r.pullRequest.id) ?? 0);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }),
    );
  });
});
