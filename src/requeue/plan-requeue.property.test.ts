// Properties of the plan over generated pull requests, checks, budgets and capacities (fast-check, fixed seed,
// logged): every selected check ends in exactly one place, at most once per run, within --max-requeues and
// --max-builds-in-flight, spending the budget on the readiest pull requests first (docs/reliability.md).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  checksArb,
  propertyParameters,
  PROPERTY_SEED,
  pullRequestArb,
  rulesArb,
} from '../../test/reliability/support/requeue-arbitraries.js';
import type { CapacityLimits } from './build-capacity.js';
import { planRequeue, type ReadPullRequest } from './plan-requeue.js';
import { selectChecks, type SelectionRules } from './select-checks.js';

beforeAll(() => console.log(`plan-requeue properties: fast-check seed ${PROPERTY_SEED} (FC_SEED to replay)`));

/** 0–12 read pull requests with unique ids; a pull request may be listed twice (paging overlap). */
const readArb = (rules: SelectionRules): fc.Arbitrary<ReadPullRequest[]> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 })
    .chain((ids) => fc.tuple(...ids.map((id) => fc.tuple(pullRequestArb(id), checksArb(`pr${id}`)))))
    .chain((entries) =>
      fc.boolean().map((listedTwice) => {
        const read = entries.map(([pullRequest, checks]) => ({
          pullRequest,
          checks,
          selections: selectChecks(checks, rules, pullRequest),
        }));
        return listedTwice && read[0] ? [...read, read[0]] : read;
      }),
    );

const budgetArb = fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined });

const capacityArb: fc.Arbitrary<CapacityLimits | undefined> = fc.option(
  fc.record({
    maxBuildsInFlight: fc.integer({ min: 1, max: 3 }),
    inFlight: fc.constant(['p-1', 'p-2']).chain((projects) =>
      fc.tuple(
        ...projects.map((projectId) =>
          fc
            .array(
              fc.record({
                id: fc.integer({ min: 1, max: 40 }),
                definitionId: fc.integer({ min: 1, max: 3 }),
                status: fc.constantFrom('notStarted' as const, 'inProgress' as const),
              }),
              { maxLength: 4 },
            )
            .map((builds) => ({ projectId, projectName: projectId, builds })),
        ),
      ),
    ),
  }),
  { nil: undefined },
);

const planInputArb = rulesArb.chain((rules) =>
  fc.record({ read: readArb(rules), maxRequeues: budgetArb, capacity: capacityArb }),
);

type PlanInput = typeof planInputArb extends fc.Arbitrary<infer T> ? T : never;

function plan(input: PlanInput) {
  return planRequeue(input.read, {
    ...(input.maxRequeues === undefined ? {} : { maxRequeues: input.maxRequeues }),
    ...(input.capacity === undefined ? {} : { capacity: input.capacity }),
  });
}

function selectedIds(input: PlanInput): Set<string> {
  return new Set(
    input.read.flatMap((entry) =>
      entry.selections.filter((s) => s.selected).map((s) => s.check.evaluationId),
    ),
  );
}

describe('planRequeue (properties)', () => {
  it('puts every selected check in exactly one place, requeued or held, and nothing else', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        const result = plan(input);
        const placed = [...result.requeues, ...result.held].map((entry) => entry.check.evaluationId);

        expect(placed.sort()).toEqual([...selectedIds(input)].sort());
      }),
      propertyParameters,
    );
  });

  it('never plans more than --max-requeues, and without capacity limits plans as many as it may', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        const result = plan(input);
        const budget = input.maxRequeues ?? Number.POSITIVE_INFINITY;

        expect(result.requeues.length).toBeLessThanOrEqual(budget);
        if (input.capacity === undefined) {
          expect(result.requeues.length).toBe(Math.min(budget, selectedIds(input).size));
        }
        expect(result.overBudget).toEqual(result.held.filter((held) => held.skipReason === 'budget'));
      }),
      propertyParameters,
    );
  });

  it('spends the budget readiest first: no check held for budget outranks a requeued one', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        const result = plan(input);
        const rankOf = new Map(result.pullRequests.map((entry) => [entry.pullRequest.id, entry.rank]));
        const rank = (id: number): number => rankOf.get(id) ?? Number.NaN;
        const requeuedRanks = result.requeues.map((entry) => rank(entry.pullRequest.id));
        const heldRanks = result.overBudget.map((entry) => rank(entry.pullRequest.id));

        expect(requeuedRanks).toEqual([...requeuedRanks].sort((a, b) => a - b));
        for (const held of heldRanks) expect(Math.max(0, ...requeuedRanks)).toBeLessThanOrEqual(held);
      }),
      propertyParameters,
    );
  });

  it('within --max-builds-in-flight: never more builds of a definition than the room left, never a build in flight', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        const capacity = input.capacity;
        if (capacity === undefined) return;
        const result = plan(input);

        for (const { projectId, builds } of capacity.inFlight) {
          const inFlightIds = new Set(builds.map((build) => build.id));
          const ours = result.requeues.filter((entry) => entry.pullRequest.project.id === projectId);
          expect(ours.filter((entry) => inFlightIds.has(entry.check.buildId ?? -1))).toEqual([]);
          for (const definitionId of [1, 2, 3]) {
            const running = builds.filter((build) => build.definitionId === definitionId).length;
            const planned = ours.filter((entry) => entry.check.buildDefinitionId === definitionId).length;
            expect(planned).toBeLessThanOrEqual(Math.max(0, capacity.maxBuildsInFlight - running));
          }
          expect(ours.every((entry) => entry.check.buildDefinitionId !== undefined)).toBe(true);
        }
      }),
      propertyParameters,
    );
  });

  it('ranks the read pull requests 1..n in order', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        const result = plan(input);

        expect(result.pullRequests.map((entry) => entry.rank)).toEqual(
          result.pullRequests.map((_, i) => i + 1),
        );
      }),
      propertyParameters,
    );
  });
});
