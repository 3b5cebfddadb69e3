// The machine-readable report (schemaVersion 1): a stable shape that scripts and the task summary rely on.
import type { CheckVerdict, PullRequestVerdict, RequeueResult, RequeueSummary } from '../requeue/model.js';

export interface JsonCheck {
  readonly evaluationId: string;
  readonly policy: string;
  readonly blocking: boolean;
  readonly status: string;
  readonly expired: boolean;
  readonly action: CheckVerdict['action'];
  readonly skipReason?: string;
  readonly reason: string;
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
  readonly rank?: number;
  readonly readiness?: string;
  readonly skipReason?: string;
  readonly reason?: string;
  readonly error?: string;
  readonly checks: readonly JsonCheck[];
}

export interface JsonReport {
  readonly schemaVersion: 1;
  readonly organization: string;
  readonly dryRun: boolean;
  readonly interrupted: boolean;
  readonly summary: RequeueSummary;
  readonly pullRequests: readonly JsonPullRequest[];
}

export function buildJsonReport(result: RequeueResult): JsonReport {
  return {
    schemaVersion: 1,
    organization: result.organization,
    dryRun: result.dryRun,
    interrupted: result.interrupted,
    summary: result.summary,
    pullRequests: result.pullRequests.map(toJsonPullRequest),
  };
}

function toJsonPullRequest(verdict: PullRequestVerdict): JsonPullRequest {
  const pr = verdict.pullRequest;
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
    ...(verdict.rank === undefined ? {} : { rank: verdict.rank }),
    ...(verdict.readiness === undefined ? {} : { readiness: verdict.readiness }),
    ...(verdict.skipReason === undefined ? {} : { skipReason: verdict.skipReason }),
    ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    ...(verdict.error === undefined ? {} : { error: verdict.error }),
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
    ...(verdict.skipReason === undefined ? {} : { skipReason: verdict.skipReason }),
    reason: verdict.reason,
    ...(buildId === undefined ? {} : { buildId }),
    ...(verdict.newBuildId !== undefined && check.buildId !== undefined
      ? { previousBuildId: check.buildId }
      : {}),
    ...(verdict.errorCode === undefined ? {} : { errorCode: verdict.errorCode }),
  };
}

/**
 * One line of JSON. `#` is written as `\u0023` where two meet, so a PR title holding `##vso[` cannot become an
 * Azure Pipelines logging command while the parsed JSON keeps the exact text (security checklist B9).
 */
export function formatJsonReport(result: RequeueResult): string {
  return `${JSON.stringify(buildJsonReport(result)).replace(/#(?=#)/g, '\\u0023')}\n`;
}
