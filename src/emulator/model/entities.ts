// The in-memory entities the emulator serves; serializers in wire/ turn them into the service's JSON.

export interface IdentityEntity {
  id: string;
  displayName: string;
  uniqueName: string;
  descriptor: string;
  subjectDescriptor: string;
  /** `properties.Account` of connectionData: `Build\<guid>` for build identities (§2.5). */
  account: string;
  kind: 'user' | 'build';
}

export interface ProjectEntity {
  id: string;
  name: string;
  description: string;
  visibility: 'private' | 'public';
  revision: number;
  lastUpdateMs: number;
  repositories: RepositoryEntity[];
}

export interface RepositoryEntity {
  id: string;
  name: string;
  project: ProjectEntity;
  defaultBranch: string;
  /** Branch heads keyed by lower-cased full ref name. */
  branches: Map<string, { refName: string; commitId: string }>;
}

export interface BuildPolicySettings {
  definitionId: number;
  definitionName: string;
  queueOnSourceUpdateOnly: boolean;
  /** Minutes; 0 with queueOnSourceUpdateOnly=false = expire immediately, 0 with true = never (§3.5). */
  validDuration: number;
  manualQueueOnly: boolean;
  displayName: string | null;
}

export interface PolicyScopeEntry {
  refName: string;
  matchKind: 'Exact' | 'Prefix';
  repositoryId: string | null;
}

export interface PolicyEntity {
  id: number;
  revision: number;
  project: ProjectEntity;
  typeId: string;
  typeDisplayName: string;
  /** The name scenarios use for `checks` keys: the build display name, else the type's display name. */
  label: string;
  isEnabled: boolean;
  isBlocking: boolean;
  createdBy: IdentityEntity;
  createdMs: number;
  scope: PolicyScopeEntry[];
  build?: BuildPolicySettings;
  /** Type-specific settings other than scope (e.g. minimumApproverCount). */
  extraSettings: Record<string, unknown>;
}

export type BuildStatus = 'notStarted' | 'inProgress' | 'completed';
export type BuildResult = 'succeeded' | 'failed' | 'canceled';

export interface BuildEntity {
  id: number;
  buildNumber: string;
  definitionId: number;
  definitionName: string;
  project: ProjectEntity;
  pullRequest: PullRequestEntity;
  status: BuildStatus;
  result?: BuildResult;
  /** The result it will get when it completes on its own. */
  plannedResult: 'succeeded' | 'failed';
  queueMs: number;
  startMs?: number;
  finishMs?: number;
  sourceVersion: string;
  requestedFor: IdentityEntity;
  /** False for builds that only a control call may move on (scenario `running`/`queued` checks). */
  autoProgress: boolean;
  cancelledByRequeue: boolean;
}

export type FixedEvaluationStatus = 'approved' | 'rejected' | 'queued' | 'running' | 'notApplicable';

export interface EvaluationEntity {
  id: string;
  pullRequest: PullRequestEntity;
  policy: PolicyEntity;
  startedMs: number;
  /** Non-build policies: a fixed outcome (reviewer policies derive theirs from votes when absent). */
  fixedStatus?: FixedEvaluationStatus;
  build?: BuildEntity;
  /** The build ran for an older merge: the target or source moved since (§4 `buildIsNotCurrent`). */
  buildIsNotCurrent: boolean;
  /** Set by a scenario's `expired` state: expired whatever the policy's setting. */
  forcedExpired: boolean;
  mergeCommitIds?: { merge: string; source: string; target: string };
}

export interface PullRequestEntity {
  id: number;
  project: ProjectEntity;
  repository: RepositoryEntity;
  title: string;
  description: string;
  sourceRefName: string;
  targetRefName: string;
  status: 'active' | 'abandoned' | 'completed';
  isDraft: boolean;
  hasConflicts: boolean;
  creationMs: number;
  closedMs?: number;
  createdBy: IdentityEntity;
  autoCompleteSetBy?: IdentityEntity;
  reviewers: { identity: IdentityEntity; vote: number; isRequired: boolean }[];
  mergeId: string;
  lastMergeSourceCommit: string;
  lastMergeTargetCommit: string;
  lastMergeCommit: string;
  buildResult?: 'succeeded' | 'failed';
  evaluations: EvaluationEntity[];
}
