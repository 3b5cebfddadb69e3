// The domain's vocabulary: pull requests, their policy checks, and what the run decided for each.
// Wire formats stay in azure-devops/; these types hold only what the rules need.

/** The policy type of build validation (reference §3.5); the only type a requeue acts on. */
export const BUILD_POLICY_TYPE_ID = '0609b952-1397-4640-95ec-e00a01b2c241';

export interface ProjectRef {
  readonly id: string;
  readonly name: string;
}

export interface RepositoryRef {
  readonly id: string;
  readonly name: string;
}

export interface PullRequest {
  readonly id: number;
  readonly title: string;
  readonly project: ProjectRef;
  readonly repository: RepositoryRef;
  /** Full ref, `refs/heads/feature`. */
  readonly sourceBranch: string;
  /** Full ref, `refs/heads/main`. */
  readonly targetBranch: string;
  readonly status: string;
  readonly isDraft: boolean;
  /** `succeeded`, `conflicts`, `queued`, `failure`, `rejectedByPolicy`, `notSet`. */
  readonly mergeStatus: string;
  readonly autoComplete: boolean;
  /** ISO time of creation (the list API gives no later activity time). */
  readonly createdAt: string;
  /** The web page of the pull request. */
  readonly webUrl: string;
  readonly lastMergeSourceCommit?: string;
  readonly lastMergeTargetCommit?: string;
}

/** Policy evaluation states as the service reports them (reference §4). */
export type CheckStatus = 'queued' | 'running' | 'approved' | 'rejected' | 'notApplicable' | 'broken';

/** One policy evaluation of a pull request. */
export interface PolicyCheck {
  readonly evaluationId: string;
  readonly policyTypeId: string;
  /** The policy's display name, e.g. "CI build" or "Minimum number of reviewers". */
  readonly policyName: string;
  readonly isBuildPolicy: boolean;
  readonly isBlocking: boolean;
  readonly isEnabled: boolean;
  /** The policy configuration was deleted (`configuration.isDeleted`); its old evaluations still list. */
  readonly isDeleted?: boolean;
  readonly manualQueueOnly: boolean;
  readonly status: CheckStatus;
  /** `context.isExpired === true`; never derived from `status` (an expired build usually reads `queued`). */
  readonly isExpired: boolean;
  readonly buildId?: number;
  readonly buildDefinitionId?: number;
  /** The commits the last build ran against, from the evaluation's context. */
  readonly lastMergeSourceCommit?: string;
  readonly lastMergeTargetCommit?: string;
  /** ISO time the last build was queued (`context.buildStartedUtc`): a push to the source, or a requeue. */
  readonly buildStartedAt?: string;
  /**
   * False when the evaluation shows a build that has not finished yet (no completion after its start); such a
   * build may be queued even though the check reads expired. Undefined when the answer cannot tell.
   */
  readonly buildFinished?: boolean;
}

/** Why a pull request or a check was not requeued. Stable codes: the JSON report carries them. */
export type SkipReason =
  | 'draft'
  | 'conflicts'
  | 'not-active'
  | 'not-expired'
  | 'build-in-progress'
  | 'manual-only'
  | 'not-required'
  | 'disabled'
  /** Its policy configuration was deleted: a build for it would be wasted. */
  | 'deleted'
  | 'budget'
  | 'interrupted'
  | 'changed'
  | 'vanished'
  /** No build capacity left for its pipeline definition (--max-builds-in-flight); the next run takes it. */
  | 'deferred'
  /** A failed build that already ran against the PR's current source and target commits (--retry-failed). */
  | 'same-commits'
  /** A failed build whose commits are not known, so a retry cannot be shown to build anything new. */
  | 'unknown-commits';

/** Why a check is (or would be) requeued: its build expired, or it failed on older commits (--retry-failed). */
export type RequeueTrigger = 'expired' | 'failed';

export type CheckAction = 'requeued' | 'would-requeue' | 'skipped' | 'failed';

export interface CheckVerdict {
  readonly check: PolicyCheck;
  readonly action: CheckAction;
  /** Set when the action is `skipped`. */
  readonly skipReason?: SkipReason;
  /** A human sentence: why this action. */
  readonly reason: string;
  /** The build started by the requeue, when known. */
  readonly newBuildId?: number;
  /** For failures: the error's code (HTTP status, TF code) for machines. */
  readonly errorCode?: string;
  /** Set for checks chosen for a requeue (requeued, would requeue, or left out by budget or capacity). */
  readonly trigger?: RequeueTrigger;
}

export interface PullRequestVerdict {
  readonly pullRequest: PullRequest;
  /** Set when the whole pull request was skipped: its checks were not read. */
  readonly skipReason?: SkipReason;
  readonly reason?: string;
  /** Set when reading the checks failed. */
  readonly error?: string;
  /** Place in the readiness order (1 = first); absent for pull requests skipped as a whole. */
  readonly rank?: number;
  readonly readiness?: string;
  /** ISO time of the newest activity the ranking saw (creation, or the newest policy build start). */
  readonly lastActivity?: string;
  readonly checks: readonly CheckVerdict[];
}

/**
 * A listing of pull requests the run could not finish (one project, repository or target branch): the pull
 * requests it listed before failing are in the report; those after are not. The other listings go on.
 */
export interface ListingFailure {
  readonly project: string;
  readonly repository?: string;
  /** Full ref. */
  readonly targetBranch?: string;
  readonly reason: string;
  /** `HTTP 500`, `TF200016`, `too-many-items`, … or `not-reached` for a listing never started (the run stopped). */
  readonly errorCode: string;
  /** An authentication or authorization failure (exit 3). */
  readonly authFailure: boolean;
}

/** Builds this run did not start, by cause: the wasted builds it avoided (or postponed). */
export interface BuildsAvoided {
  /** Checks whose build is queued or running: a requeue would cancel it. */
  readonly inProgress: number;
  /** Draft pull requests (their checks are not read, so pull requests are counted, not checks). */
  readonly drafts: number;
  /** Pull requests with merge conflicts (counted as pull requests, like drafts). */
  readonly conflicts: number;
  /** Checks left out by --max-requeues. */
  readonly budget: number;
  /** Checks left for the next run by --max-builds-in-flight. */
  readonly deferred: number;
  /** Failed checks not retried because their build already ran against the current commits. */
  readonly sameCommits: number;
}

/** How --max-builds-in-flight was spent for one pipeline definition of one project. */
export interface CapacityUsage {
  readonly projectId: string;
  readonly projectName: string;
  /** Undefined for checks whose definition the evaluation did not name. */
  readonly definitionId?: number;
  readonly limit: number;
  /** Builds of the definition queued or running before this run started any. */
  readonly inFlight: number;
  /** Requeues planned within the capacity left (`limit - inFlight`, at least 0). */
  readonly planned: number;
  readonly deferred: number;
  /** Set when the builds in flight could not be read: every check of the project was deferred. */
  readonly error?: string;
}

export interface RequeueSummary {
  readonly pullRequests: number;
  readonly checks: number;
  readonly requeued: number;
  readonly wouldRequeue: number;
  readonly skipped: number;
  readonly failed: number;
  /** Requeued (or would be) checks that were retries of failed builds (--retry-failed). */
  readonly retried?: number;
  /** Listings of pull requests that failed (also counted in `failed`); not-reached ones are not counted. */
  readonly failedListings?: number;
  readonly buildsAvoided?: BuildsAvoided;
}

export interface RequeueResult {
  readonly organization: string;
  readonly dryRun: boolean;
  readonly interrupted: boolean;
  readonly pullRequests: readonly PullRequestVerdict[];
  readonly summary: RequeueSummary;
  /** Per definition, when --max-builds-in-flight was given. */
  readonly capacity?: readonly CapacityUsage[];
  /** True when a failure was an authentication or authorization failure (exit 3 beats 1). */
  readonly authFailure: boolean;
  /** Listings that failed or were never reached; absent or empty when every listing finished. */
  readonly listingFailures?: readonly ListingFailure[];
}
