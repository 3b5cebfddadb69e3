// fast-check arbitraries for the domain's inputs: pull requests and policy checks with every field the selection
// and planning rules read, drawn from small value sets so that collisions (same project, same definition, same
// commits) happen often. The seed is fixed and logged, so a failure can be replayed (FC_SEED overrides it).
import fc from 'fast-check';

import {
  BUILD_POLICY_TYPE_ID,
  type CheckStatus,
  type PolicyCheck,
  type PullRequest,
} from '../../../src/requeue/model.js';
import type { SelectionRules } from '../../../src/requeue/select-checks.js';

export const PROPERTY_SEED = Number(process.env['FC_SEED'] ?? 20_260_501);

/** fast-check parameters every property in these files uses. */
export const propertyParameters = { seed: PROPERTY_SEED, numRuns: 300 } as const;

const STATUSES: readonly CheckStatus[] = [
  'queued',
  'running',
  'approved',
  'rejected',
  'notApplicable',
  'broken',
];
const commit = fc.option(fc.constantFrom('a1', 'b2', 'c3'), { nil: undefined });

export const rulesArb: fc.Arbitrary<SelectionRules> = fc.record({
  includeDrafts: fc.boolean(),
  includeConflicts: fc.boolean(),
  includeManual: fc.boolean(),
  requiredOnly: fc.boolean(),
  retryFailed: fc.boolean(),
});

/** A check; `evaluationId` is filled in by `checksArb` so ids are unique. */
const checkFieldsArb = fc.record({
  isBuildPolicy: fc.boolean(),
  isBlocking: fc.boolean(),
  isEnabled: fc.boolean(),
  manualQueueOnly: fc.boolean(),
  status: fc.constantFrom(...STATUSES),
  isExpired: fc.boolean(),
  buildId: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  buildDefinitionId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  buildFinished: fc.option(fc.boolean(), { nil: undefined }),
  lastMergeSourceCommit: commit,
  lastMergeTargetCommit: commit,
});

type CheckFields = typeof checkFieldsArb extends fc.Arbitrary<infer T> ? T : never;

function toCheck(fields: CheckFields, evaluationId: string): PolicyCheck {
  const { buildId, buildDefinitionId, buildFinished, lastMergeSourceCommit, lastMergeTargetCommit, ...rest } =
    fields;
  return {
    ...rest,
    evaluationId,
    policyTypeId: rest.isBuildPolicy ? BUILD_POLICY_TYPE_ID : 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd',
    policyName: rest.isBuildPolicy ? 'CI build' : 'Minimum number of reviewers',
    ...(buildId === undefined ? {} : { buildId }),
    ...(buildDefinitionId === undefined ? {} : { buildDefinitionId }),
    ...(buildFinished === undefined ? {} : { buildFinished }),
    ...(lastMergeSourceCommit === undefined ? {} : { lastMergeSourceCommit }),
    ...(lastMergeTargetCommit === undefined ? {} : { lastMergeTargetCommit }),
  };
}

/** Checks of one pull request, ids `{prefix}-0`, `{prefix}-1`, … */
export function checksArb(prefix: string, maxLength = 6): fc.Arbitrary<PolicyCheck[]> {
  return fc
    .array(checkFieldsArb, { maxLength })
    .map((list) => list.map((fields, index) => toCheck(fields, `${prefix}-${index}`)));
}

export const singleCheckArb: fc.Arbitrary<PolicyCheck> = checkFieldsArb.map((fields) =>
  toCheck(fields, 'e-0'),
);

export function pullRequestArb(id: number): fc.Arbitrary<PullRequest> {
  return fc
    .record({
      project: fc.constantFrom('p-1', 'p-2'),
      status: fc.constantFrom('active', 'active', 'active', 'completed', 'abandoned'),
      isDraft: fc.boolean(),
      mergeStatus: fc.constantFrom('succeeded', 'conflicts', 'queued'),
      autoComplete: fc.boolean(),
      createdDay: fc.integer({ min: 1, max: 28 }),
      lastMergeSourceCommit: commit,
      lastMergeTargetCommit: commit,
    })
    .map((spec) => ({
      id,
      title: `PR ${id}`,
      project: { id: spec.project, name: spec.project },
      repository: { id: 'r-1', name: 'web' },
      sourceBranch: `refs/heads/f/${id}`,
      targetBranch: 'refs/heads/main',
      status: spec.status,
      isDraft: spec.isDraft,
      mergeStatus: spec.mergeStatus,
      autoComplete: spec.autoComplete,
      createdAt: `2026-02-${String(spec.createdDay).padStart(2, '0')}T12:00:00Z`,
      webUrl: `https://dev.azure.com/o/p/_git/web/pullrequest/${id}`,
      ...(spec.lastMergeSourceCommit === undefined
        ? {}
        : { lastMergeSourceCommit: spec.lastMergeSourceCommit }),
      ...(spec.lastMergeTargetCommit === undefined
        ? {}
        : { lastMergeTargetCommit: spec.lastMergeTargetCommit }),
    }));
}
