// Turns scenario policies into policy configurations with the service's settings and scope (§3.5).
import type { IdentityEntity, PolicyEntity, PolicyScopeEntry, ProjectEntity } from '../model/entities.js';
import { defaultExtraSettings, policyTypeInfo } from '../model/policy-types.js';
import type { Expiration, ScenarioPolicy } from './scenario-types.js';

/** Full ref name: `main` → `refs/heads/main`; already-full refs are kept. */
export function toRefName(branch: string): string {
  return branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
}

/** §3.5: immediately = (false, 0); after N hours = (true, N*60); never = (true, 0). */
export function expirationSettings(expiration: Expiration | undefined): {
  queueOnSourceUpdateOnly: boolean;
  validDuration: number;
} {
  if (expiration === undefined || expiration === 'immediately') {
    return { queueOnSourceUpdateOnly: false, validDuration: 0 };
  }
  if (expiration === 'never') {
    return { queueOnSourceUpdateOnly: true, validDuration: 0 };
  }
  return { queueOnSourceUpdateOnly: true, validDuration: Math.round(expiration.hours * 60) };
}

export interface PolicyFactory {
  nextPolicyId: number;
  nextDefinitionId: number;
  /** Definition ids by `projectId|definitionName`, so policies naming one definition share its id. */
  definitionIds: Map<string, number>;
  createdBy: IdentityEntity;
  createdMs: number;
}

function definitionIdFor(
  factory: PolicyFactory,
  project: ProjectEntity,
  policy: ScenarioPolicy,
  name: string,
): number {
  if (policy.buildDefinitionId !== undefined) {
    factory.definitionIds.set(`${project.id}|${name}`, policy.buildDefinitionId);
    factory.nextDefinitionId = Math.max(factory.nextDefinitionId, policy.buildDefinitionId + 1);
    return policy.buildDefinitionId;
  }
  const key = `${project.id}|${name}`;
  let id = factory.definitionIds.get(key);
  if (id === undefined) {
    id = factory.nextDefinitionId;
    factory.nextDefinitionId += 1;
    factory.definitionIds.set(key, id);
  }
  return id;
}

/** Creates one policy configuration; `repositoryId: null` makes it project-wide. */
export function createPolicy(
  factory: PolicyFactory,
  project: ProjectEntity,
  policy: ScenarioPolicy,
  branch: string,
  repository: { id: string; name: string } | null,
): PolicyEntity {
  const type = policyTypeInfo(policy.type);
  const scope: PolicyScopeEntry[] = [
    {
      refName: toRefName(branch),
      matchKind: policy.matchKind ?? 'Exact',
      repositoryId: repository?.id ?? null,
    },
  ];
  const entity: PolicyEntity = {
    id: factory.nextPolicyId,
    revision: 1,
    project,
    typeId: type.id,
    typeDisplayName: type.displayName,
    label: policy.displayName ?? type.displayName,
    isEnabled: policy.isEnabled ?? true,
    isBlocking: policy.isBlocking ?? true,
    createdBy: factory.createdBy,
    createdMs: factory.createdMs,
    scope,
    extraSettings: defaultExtraSettings(policy.type, policy.minimumApproverCount ?? 1),
  };
  factory.nextPolicyId += 1;
  if (policy.type === 'build') {
    const definitionName =
      policy.buildDefinitionName ?? policy.displayName ?? `${repository?.name ?? project.name} PR build`;
    entity.build = {
      definitionId: definitionIdFor(factory, project, policy, definitionName),
      definitionName,
      ...expirationSettings(policy.expiration),
      manualQueueOnly: policy.manualQueueOnly ?? false,
      displayName: policy.displayName ?? null,
    };
    entity.label = policy.displayName ?? definitionName;
  }
  return entity;
}

/** Whether a policy's scope covers a pull request's repository and target ref (Exact/Prefix, §3.5). */
export function policyApplies(policy: PolicyEntity, repositoryId: string, targetRefName: string): boolean {
  const target = targetRefName.toLowerCase();
  return policy.scope.some((entry) => {
    if (entry.repositoryId !== null && entry.repositoryId !== repositoryId) {
      return false;
    }
    const ref = entry.refName.toLowerCase();
    return entry.matchKind === 'Prefix' ? target.startsWith(ref) : target === ref;
  });
}
