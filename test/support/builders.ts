// Fixture builders with defaults: tests state only what matters to them.
import type { ActiveBuild } from '../../src/requeue/checks-api.js';
import type { RequeueOptions } from '../../src/requeue/run-requeue.js';
import { BUILD_POLICY_TYPE_ID, type PolicyCheck, type PullRequest } from '../../src/requeue/model.js';

let nextId = 1;

export function aPullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  const id = overrides.id ?? nextId++;
  return {
    id,
    title: `Pull request ${id}`,
    project: { id: '6f1c2c4e-0000-4000-8000-000000000001', name: 'Fabrikam' },
    repository: { id: '7a2d3e5f-0000-4000-8000-000000000002', name: 'web' },
    sourceBranch: `refs/heads/feature/${id}`,
    targetBranch: 'refs/heads/main',
    status: 'active',
    isDraft: false,
    mergeStatus: 'succeeded',
    autoComplete: false,
    createdAt: '2026-11-01T10:00:00.0000000Z',
    webUrl: `https://dev.azure.com/fabrikam/Fabrikam/_git/web/pullrequest/${id}`,
    ...overrides,
  };
}

export function anExpiredBuildCheck(overrides: Partial<PolicyCheck> = {}): PolicyCheck {
  return {
    evaluationId: overrides.evaluationId ?? `eval-${nextId++}`,
    policyTypeId: BUILD_POLICY_TYPE_ID,
    policyName: 'CI build',
    isBuildPolicy: true,
    isBlocking: true,
    isEnabled: true,
    manualQueueOnly: false,
    status: 'queued',
    isExpired: true,
    buildId: 100,
    buildDefinitionId: 7,
    ...overrides,
  };
}

export function aReviewerCheck(overrides: Partial<PolicyCheck> = {}): PolicyCheck {
  return {
    evaluationId: overrides.evaluationId ?? `eval-${nextId++}`,
    policyTypeId: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd',
    policyName: 'Minimum number of reviewers',
    isBuildPolicy: false,
    isBlocking: true,
    isEnabled: true,
    manualQueueOnly: false,
    status: 'approved',
    isExpired: false,
    ...overrides,
  };
}

/** A build check whose build failed against the commits in its context (older than the PR's by default). */
export function aFailedBuildCheck(overrides: Partial<PolicyCheck> = {}): PolicyCheck {
  return anExpiredBuildCheck({
    status: 'rejected',
    isExpired: false,
    buildFinished: true,
    lastMergeSourceCommit: 'aaaa0000source',
    lastMergeTargetCommit: 'bbbb0000target-old',
    ...overrides,
  });
}

/** A build queued or running, as the Build API lists it for capacity. */
export function anActiveBuild(overrides: Partial<ActiveBuild> = {}): ActiveBuild {
  return { id: nextId++, definitionId: 7, status: 'inProgress', ...overrides };
}

/** Merge commits for a pull request or a check's context; an undefined commit is left out, not set to undefined. */
export function commits(
  source: string | undefined,
  target: string | undefined,
): { lastMergeSourceCommit?: string; lastMergeTargetCommit?: string } {
  return {
    ...(source === undefined ? {} : { lastMergeSourceCommit: source }),
    ...(target === undefined ? {} : { lastMergeTargetCommit: target }),
  };
}

/** A run over project Fabrikam with the default rules, not a dry run: what use-case tests vary from. */
export const aRequeueRun: RequeueOptions = {
  organization: 'https://dev.azure.com/fabrikam',
  scope: { projects: ['Fabrikam'], allProjects: false, repositories: [] },
  targetBranches: [],
  rules: { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false },
  dryRun: false,
};
