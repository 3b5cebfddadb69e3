// The port doctor reads through: read-only calls, plus the permission evaluation (a POST that changes nothing).
// There is deliberately no requeue here: doctor never re-queues anything.
import type { PolicyCheck, ProjectRef, PullRequest, RepositoryRef } from '../requeue/model.js';
import type { PermissionEvaluation } from './requeue-permissions.js';

export interface BuildPolicyRef {
  readonly definitionId: number;
  /** The policy's display name, else `#<definition id>`. */
  readonly name: string;
  readonly isEnabled: boolean;
  /** Repository ids of the policy's scope; `null` = every repository of the project. */
  readonly repositoryIds: readonly (string | null)[];
}

/** Every method throws ApiFailure (already classified and redacted) on failure. */
export interface DoctorApi {
  /** `GET {org}/_apis/connectionData?api-version=7.1-preview.1` (reference §2.5). */
  connectionData(): Promise<unknown>;
  /**
   * The highest REST version the server lists (`OPTIONS {org}/_apis/core`, reference §2.3), e.g. `6.0`; undefined
   * when it does not answer. Never throws.
   */
  serverRestVersion(): Promise<string | undefined>;
  project(nameOrId: string): Promise<ProjectRef>;
  repositories(projectId: string): Promise<readonly RepositoryRef[]>;
  /** The first page of active pull requests, at most 100. */
  activePullRequests(project: ProjectRef, repository?: RepositoryRef): Promise<readonly PullRequest[]>;
  policyChecks(pullRequest: PullRequest): Promise<readonly PolicyCheck[]>;
  /** Build validation policies of a project (`policy/configurations?policyType=0609b952-…`). */
  buildPolicies(projectId: string): Promise<readonly BuildPolicyRef[]>;
  /** `POST {org}/_apis/security/permissionevaluationbatch?api-version=7.1`; returns the answer as is. */
  evaluatePermissions(batch: {
    readonly alwaysAllowAdministrators: boolean;
    readonly evaluations: readonly PermissionEvaluation[];
  }): Promise<unknown>;
}
