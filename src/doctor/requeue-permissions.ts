// The two permissions a requeue needs, as `POST {org}/_apis/security/permissionevaluationbatch?api-version=7.1`
// evaluations for the calling identity: Git "Contribute to pull requests" on each repository (TF401027) and
// Build "Queue builds" on each build policy's pipeline. Pure: builds the batch and reads the answer.

/** Git Repositories security namespace; PullRequestContribute = 16384; token `repoV2/{projectId}/{repoId}`. */
export const GIT_REPOSITORIES_NAMESPACE = '2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87';
export const PULL_REQUEST_CONTRIBUTE_BIT = 16384;
/** Build security namespace; QueueBuilds = 128; token `{projectId}/{definitionId}`. */
export const BUILD_NAMESPACE = '33344d9c-fc72-4d6f-aba5-fa317101a7e9';
export const QUEUE_BUILDS_BIT = 128;

export interface PermissionEvaluation {
  readonly securityNamespaceId: string;
  readonly token: string;
  readonly permissions: number;
}

export interface NamedTarget {
  readonly id: string;
  readonly name: string;
}

export interface PermissionRequest {
  readonly projectId: string;
  readonly repositories: readonly NamedTarget[];
  /** Build pipelines of the build policies (id = the definition id as text). */
  readonly definitions: readonly NamedTarget[];
}

export interface PermissionVerdict {
  readonly permission: 'contribute' | 'queue-builds';
  readonly target: NamedTarget;
  /** undefined when the server's answer did not say. */
  readonly allowed: boolean | undefined;
}

export function buildPermissionBatch(request: PermissionRequest): {
  readonly alwaysAllowAdministrators: false;
  readonly evaluations: PermissionEvaluation[];
} {
  return {
    // Administrators are not waved through: the question is what this identity itself may do.
    alwaysAllowAdministrators: false,
    evaluations: [
      ...request.repositories.map((repository) => ({
        securityNamespaceId: GIT_REPOSITORIES_NAMESPACE,
        token: `repoV2/${request.projectId}/${repository.id}`,
        permissions: PULL_REQUEST_CONTRIBUTE_BIT,
      })),
      ...request.definitions.map((definition) => ({
        securityNamespaceId: BUILD_NAMESPACE,
        token: `${request.projectId}/${definition.id}`,
        permissions: QUEUE_BUILDS_BIT,
      })),
    ],
  };
}

/** Pairs the answer's `evaluations[i].value` with what was asked; a missing or odd answer is "not verified". */
export function readPermissionVerdicts(request: PermissionRequest, answer: unknown): PermissionVerdict[] {
  const evaluations = (answer as { evaluations?: unknown } | null | undefined)?.evaluations;
  const values = Array.isArray(evaluations) ? evaluations : [];
  const asked = buildPermissionBatch(request).evaluations;
  const valueAt = (index: number): boolean | undefined => {
    const item = values[index] as { value?: unknown; token?: unknown } | undefined;
    // The answer must be about the same token, or it proves nothing.
    if (item === undefined || typeof item.value !== 'boolean') return undefined;
    if (typeof item.token === 'string' && item.token.toLowerCase() !== asked[index]?.token.toLowerCase())
      return undefined;
    return item.value;
  };
  return [
    ...request.repositories.map((target, index) => ({
      permission: 'contribute' as const,
      target,
      allowed: valueAt(index),
    })),
    ...request.definitions.map((target, index) => ({
      permission: 'queue-builds' as const,
      target,
      allowed: valueAt(request.repositories.length + index),
    })),
  ];
}
