// The scenario format (docs/emulator.md): an organization's projects, repositories, policies and pull requests.
import type { FaultSettings } from '../faults/fault-types.js';
import type { ScenarioPolicyType } from '../model/policy-types.js';

/** A check's starting state (§4): `expired` = build done, target moved, `isExpired: true`, status `queued`. */
export type CheckState =
  'approved' | 'rejected' | 'expired' | 'notExpired' | 'running' | 'queued' | 'notRun' | 'notApplicable';

/** Build expiration (§3.5): immediately / after N hours / never. */
export type Expiration = 'immediately' | 'never' | { hours: number };

export interface ScenarioPolicy {
  type: ScenarioPolicyType;
  displayName?: string;
  /** @default true */
  isBlocking?: boolean;
  /** @default true */
  isEnabled?: boolean;
  /** How the branch name matches target refs. @default "Exact" */
  matchKind?: 'Exact' | 'Prefix';
  buildDefinitionId?: number;
  buildDefinitionName?: string;
  /** @default "immediately" */
  expiration?: Expiration;
  manualQueueOnly?: boolean;
  /** Minimum number of reviewers. @default 1 */
  minimumApproverCount?: number;
}

/** A project-wide policy (scope `repositoryId: null`) on a branch of every repository. */
export interface ScenarioProjectPolicy extends ScenarioPolicy {
  branch: string;
}

export interface ScenarioBranch {
  /** `main` or `refs/heads/main`; for `matchKind: "Prefix"` policies a prefix such as `release/`. */
  name: string;
  policies?: ScenarioPolicy[];
}

export interface ScenarioReviewer {
  name: string;
  /** 10 approved, 5 with suggestions, 0 none, -5 waiting, -10 rejected. @default 0 */
  vote?: number;
  isRequired?: boolean;
}

export interface ScenarioPullRequest {
  /** Organization-wide id; assigned in order when omitted. */
  id?: number;
  title?: string;
  /** @default "feature/pr-{id}" */
  sourceBranch?: string;
  targetBranch: string;
  /** @default "active" */
  status?: 'active' | 'abandoned' | 'completed';
  isDraft?: boolean;
  /** `mergeStatus: "conflicts"`, and no `lastMergeCommit`. */
  conflicts?: boolean;
  autoComplete?: boolean;
  createdBy?: string;
  reviewers?: ScenarioReviewer[];
  /** State of every build check (default `approved`). */
  check?: CheckState;
  /** State per policy display name; overrides `check` and `otherPolicies`. */
  checks?: Record<string, CheckState>;
  /** Outcome of every non-build policy without a `checks` entry (reviewer policies follow votes otherwise). */
  otherPolicies?: 'approved' | 'rejected';
  /** Result of builds run for this pull request (else `builds.failFraction` decides). */
  buildResult?: 'succeeded' | 'failed';
  /** Minutes before scenario start that the PR was created. */
  ageMinutes?: number;
}

export interface ScenarioRepository {
  name: string;
  id?: string;
  /** @default "main" */
  defaultBranch?: string;
  branches?: ScenarioBranch[];
  pullRequests?: ScenarioPullRequest[];
}

export interface ScenarioProject {
  name: string;
  id?: string;
  description?: string;
  visibility?: 'private' | 'public';
  policies?: ScenarioProjectPolicy[];
  repositories: ScenarioRepository[];
}

/** A permission taken away from one of the two tokens (§5: 403 TF401027). */
export interface ScenarioDenial {
  token: 'job' | 'pat';
  permission: 'PullRequestContribute' | 'QueueBuilds';
  /** Repository names (or `Project/Repository`); every repository when omitted. */
  repositories?: string[];
  /** Build definition ids for `QueueBuilds`; every definition when omitted. */
  definitions?: number[];
}

/** Who the job token is (§8). */
export interface ScenarioIdentity {
  /** `collection` → "Project Collection Build Service (org)"; `project` → "{Project} Build Service (org)". */
  jobTokenScope?: 'project' | 'collection';
  /** The pipeline's project (project scope). @default the first project */
  jobProject?: string;
  /** "Limit job authorization scope to referenced repositories": others answer 404 TF401019. */
  referencedRepositories?: string[];
  denied?: ScenarioDenial[];
}

/** How builds progress; `null` = stays until `POST /_emulator/builds/complete`. */
export interface ScenarioBuilds {
  /** @default null */
  queueMs?: number | null;
  /** @default null */
  runMs?: number | null;
  /** Fraction of builds (by build id) that fail. @default 0 */
  failFraction?: number;
}

/** Options of `generateScenario` and of a scenario's `generate` block (large reproducible sets). */
export interface GenerateOptions {
  pullRequests: number;
  projects?: number;
  repositories?: number;
  expiredFraction?: number;
  draftFraction?: number;
  conflictFraction?: number;
  manualFraction?: number;
  runningFraction?: number;
  seed?: number;
}

export interface Scenario {
  /** @default "fabrikam" */
  organization?: string;
  /** Seeds ids and commits (not the tokens). @default 1 */
  seed?: number;
  identity?: ScenarioIdentity;
  builds?: ScenarioBuilds;
  projects?: ScenarioProject[];
  /** Adds generated projects (after `projects`). */
  generate?: GenerateOptions;
  faults?: FaultSettings;
  latencyMs?: number;
}
