// The machine-readable report (schemaVersion 1): a stable shape that scripts and the task summary rely on.
import type {
  BuildsAvoided,
  CapacityUsage,
  CheckVerdict,
  ListingFailure,
  PullRequestVerdict,
  RequeueResult,
  RequeueSummary,
} from '../requeue/model.js';
import { definedProps } from '../util/defined-props.js';

export interface JsonCheck {
  readonly evaluationId: string;
  readonly policy: string;
  readonly blocking: boolean;
  readonly status: string;
  readonly expired: boolean;
  readonly action: CheckVerdict['action'];
  readonly skipReason?: string;
  readonly reason: string;
  /** Why it was chosen for a requeue: `expired`, or `failed` (a retry, --retry-failed). */
  readonly trigger?: 'expired' | 'failed';
  /** The build now attached to the check: the new one after a requeue. */
  readonly buildId?: number;
  readonly previousBuildId?: number;
  readonly errorCode?: string;
}

export interface JsonPullRequest {
  readonly id: number;
  readonly project: string;
  readonly repository: string;
  readonly title: string;
  readonly sourceBranch: string;
  readonly targetBranch: string;
  readonly url: string;
  readonly isDraft: boolean;
  readonly mergeStatus: string;
  /** 1 = first in the readiness order; absent for pull requests skipped as a whole. */
  readonly rank?: number;
  /** Why it ranks where it does (auto-complete, other policies passing, what it waits on). */
  readonly readiness?: string;
  /** The activity time the ranking used (creation or the newest policy build start), ISO 8601. */
  readonly lastActivity?: string;
  readonly skipReason?: string;
  readonly reason?: string;
  readonly error?: string;
  readonly checks: readonly JsonCheck[];
}

/** How --max-builds-in-flight was spent for one pipeline definition (only when the flag was given). */
export interface JsonCapacity {
  readonly project: string;
  readonly definitionId?: number;
  readonly limit: number;
  readonly inFlight: number;
  readonly planned: number;
  readonly deferred: number;
  readonly error?: string;
}

export interface JsonSummary extends RequeueSummary {
  readonly retried: number;
  /** Builds not started, by cause (drafts and conflicts count pull requests, the others checks). */
  readonly buildsAvoided: BuildsAvoided;
}

export interface JsonReport {
  readonly schemaVersion: 1;
  readonly organization: string;
  readonly dryRun: boolean;
  readonly interrupted: boolean;
  readonly summary: JsonSummary;
  readonly capacity?: readonly JsonCapacity[];
  /** Listings of pull requests that failed or were not reached; absent when every listing finished. */
  readonly listingFailures?: readonly ListingFailure[];
  readonly pullRequests: readonly JsonPullRequest[];
}

const NOTHING_AVOIDED: BuildsAvoided = {
  inProgress: 0,
  drafts: 0,
  conflicts: 0,
  budget: 0,
  deferred: 0,
  sameCommits: 0,
};

export function buildJsonReport(result: RequeueResult): JsonReport {
  return { ...buildJsonHead(result), pullRequests: result.pullRequests.map(toJsonPullRequest) };
}

/** Everything but the pull requests, which the line writer converts one at a time. */
function buildJsonHead(result: RequeueResult): Omit<JsonReport, 'pullRequests'> {
  return {
    schemaVersion: 1,
    organization: result.organization,
    dryRun: result.dryRun,
    interrupted: result.interrupted,
    // Always present, so scripts can read the counts without checking which version wrote the report.
    summary: {
      ...result.summary,
      retried: result.summary.retried ?? 0,
      buildsAvoided: result.summary.buildsAvoided ?? NOTHING_AVOIDED,
    },
    ...definedProps({
      capacity: result.capacity?.map(toJsonCapacity),
      // Left out when empty too, as a run without failed listings always wrote it.
      listingFailures: result.listingFailures?.length ? result.listingFailures : undefined,
    }),
  };
}

function toJsonCapacity(usage: CapacityUsage): JsonCapacity {
  return {
    project: usage.projectName,
    ...definedProps({ definitionId: usage.definitionId }),
    limit: usage.limit,
    inFlight: usage.inFlight,
    planned: usage.planned,
    deferred: usage.deferred,
    ...definedProps({ error: usage.error }),
  };
}

function toJsonPullRequest(verdict: PullRequestVerdict): JsonPullRequest {
  const { pullRequest: pr, rank, readiness, lastActivity, skipReason, reason, error } = verdict;
  return {
    id: pr.id,
    project: pr.project.name,
    repository: pr.repository.name,
    title: pr.title,
    sourceBranch: pr.sourceBranch,
    targetBranch: pr.targetBranch,
    url: pr.webUrl,
    isDraft: pr.isDraft,
    mergeStatus: pr.mergeStatus,
    ...definedProps({ rank, readiness, lastActivity, skipReason, reason, error }),
    checks: verdict.checks.map(toJsonCheck),
  };
}

function toJsonCheck(verdict: CheckVerdict): JsonCheck {
  const { check } = verdict;
  const buildId = verdict.newBuildId ?? check.buildId;
  return {
    evaluationId: check.evaluationId,
    policy: check.policyName,
    blocking: check.isBlocking,
    status: check.status,
    expired: check.isExpired,
    action: verdict.action,
    ...definedProps({ skipReason: verdict.skipReason }),
    reason: verdict.reason,
    ...definedProps({
      trigger: verdict.trigger,
      buildId,
      // The build the requeue replaced, when there was one.
      previousBuildId: verdict.newBuildId === undefined ? undefined : check.buildId,
      errorCode: verdict.errorCode,
    }),
  };
}

/**
 * One line of JSON. `#` is written as `\u0023` where two meet, so a PR title holding `##vso[` cannot become an
 * Azure Pipelines logging command while the parsed JSON keeps the exact text (security checklist B9).
 */
export function formatJsonReport(result: RequeueResult): string {
  return [...formatJsonReportLines(result)].join('');
}

/**
 * The same document in pieces, one pull request per line (still one JSON document), so a large report is written
 * without ever holding it, its objects, or a redacted copy of it at once: 10,000 PRs make about 6 MB.
 */
export function* formatJsonReportLines(result: RequeueResult): Generator<string> {
  const escape = (json: string): string => json.replace(/#(?=#)/g, '\\u0023');
  yield `${escape(JSON.stringify(buildJsonHead(result)).slice(0, -1))},"pullRequests":[`;
  // Converted as written: the report's objects for 10,000 PRs are never all alive at once.
  for (const [index, verdict] of result.pullRequests.entries()) {
    yield `${index === 0 ? '' : ','}\n${escape(JSON.stringify(toJsonPullRequest(verdict)))}`;
  }
  yield ']}\n';
}
