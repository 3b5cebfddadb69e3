// The permissions a requeue needs, asked of the server for the calling identity: Git "Contribute to pull
// requests" on each repository in scope, Build "Queue builds" on each build policy's pipeline. Where the server
// cannot answer, the check says "not verified" and doctor goes on.
import type { ProjectRef, RepositoryRef } from '../requeue/model.js';
import type { AccessFindings } from './check-access.js';
import type { BuildPolicyRef, DoctorApi } from './doctor-api.js';
import { asApiFailure, check, failedCall, listNames } from './doctor-checks.js';
import { FIX } from './doctor-fixes.js';
import type { DoctorCheck } from './doctor-model.js';
import {
  buildPermissionBatch,
  readPermissionVerdicts,
  type NamedTarget,
  type PermissionRequest,
  type PermissionVerdict,
} from './requeue-permissions.js';

/** At most this many repositories are evaluated (one batch). */
const MAX_REPOSITORIES = 25;

export async function checkPermissions(
  api: DoctorApi,
  project: ProjectRef,
  findings: AccessFindings,
  scope: {
    readonly organizationUrl: string;
    readonly explicitRepositories: boolean;
    readonly identityName: string;
  },
  checks: DoctorCheck[],
): Promise<void> {
  const { identityName } = scope;
  const repositories = repositoriesInScope(findings, scope.explicitRepositories).slice(0, MAX_REPOSITORIES);
  const definitions = await definitionsInScope(api, project, repositories, findings);
  const request: PermissionRequest = {
    projectId: project.id,
    repositories: repositories.map((repository) => ({ id: repository.id, name: repository.name })),
    definitions,
  };
  let verdicts: PermissionVerdict[] = [];
  let unanswered = '';
  if (request.repositories.length + request.definitions.length > 0) {
    try {
      verdicts = readPermissionVerdicts(
        request,
        await api.evaluatePermissions(buildPermissionBatch(request)),
      );
    } catch (error) {
      const failure = asApiFailure(error);
      if (failure.code === 'HTTP 401') {
        checks.push(failedCall('permission-contribute', failure, undefined));
        checks.push(failedCall('permission-queue-builds', failure, undefined));
        return;
      }
      unanswered = `the server could not evaluate permissions (${failure.code}); a requeue will tell`;
    }
  }
  checks.push(
    verdictCheck('permission-contribute', verdicts, unanswered || 'no repository in scope', (target) =>
      FIX.contributeDenied(identityName, target.name),
    ),
  );
  checks.push(
    verdictCheck(
      'permission-queue-builds',
      verdicts,
      unanswered || 'no build policy found in scope',
      (target) => {
        const url = `${scope.organizationUrl}/${encodeURIComponent(project.id)}/_build?definitionId=${target.id}`;
        return FIX.queueBuildsDenied(identityName, target.name, url);
      },
    ),
  );
}

function verdictCheck(
  id: 'permission-contribute' | 'permission-queue-builds',
  all: readonly PermissionVerdict[],
  whyUnverified: string,
  fixFor: (target: NamedTarget) => string,
): DoctorCheck {
  const verdicts = all.filter(
    (v) => v.permission === (id === 'permission-contribute' ? 'contribute' : 'queue-builds'),
  );
  if (verdicts.length === 0) return check(id, 'not-verified', `not verified: ${whyUnverified}`);
  const names = (list: PermissionVerdict[]): string => listNames(list.map((v) => v.target.name));
  const denied = verdicts.filter((v) => v.allowed === false);
  if (denied.length > 0) {
    return check(id, 'fail', `denied on ${names(denied)}`, {
      code: id === 'permission-contribute' ? 'TF401027' : 'TF215106',
      failure: 'auth',
      fix: [
        ...denied.map((v) => fixFor(v.target)),
        ...(id === 'permission-queue-builds' && denied.length > 1 ? [FIX.queueBuildsEverywhere] : []),
      ].join('\n'),
    });
  }
  const unknown = verdicts.filter((v) => v.allowed === undefined);
  if (unknown.length > 0)
    return check(id, 'not-verified', `not verified for ${names(unknown)}: the answer did not say`);
  return check(id, 'pass', `allowed on ${names(verdicts)}`);
}

/** Named repositories; else those with active pull requests; else every readable one. */
function repositoriesInScope(findings: AccessFindings, explicit: boolean): readonly RepositoryRef[] {
  if (explicit || findings.pullRequests.length === 0) return findings.repositories;
  const ids = new Set(findings.pullRequests.map((pullRequest) => pullRequest.repository.id));
  return findings.repositories.filter((repository) => ids.has(repository.id));
}

/** Pipelines of the enabled build policies on those repositories; from the sampled checks if policies are unreadable. */
async function definitionsInScope(
  api: DoctorApi,
  project: ProjectRef,
  repositories: readonly RepositoryRef[],
  findings: AccessFindings,
): Promise<NamedTarget[]> {
  const ids = new Set(repositories.map((repository) => repository.id));
  let policies: readonly BuildPolicyRef[];
  try {
    policies = (await api.buildPolicies(project.id)).filter(
      (policy) => policy.isEnabled && policy.repositoryIds.some((id) => id === null || ids.has(id)),
    );
  } catch {
    policies = findings.sampledChecks.flatMap((entry) =>
      entry.isBuildPolicy && entry.buildDefinitionId !== undefined
        ? [
            {
              definitionId: entry.buildDefinitionId,
              name: entry.policyName,
              isEnabled: true,
              repositoryIds: [],
            },
          ]
        : [],
    );
  }
  const unique = new Map(policies.map((policy) => [policy.definitionId, policy.name]));
  return [...unique].map(([definitionId, name]) => ({
    id: String(definitionId),
    name: `"${name}" (pipeline ${definitionId})`,
  }));
}
