// The port the domain talks to: what the use case needs from Azure DevOps, and nothing about HTTP.
import type { PolicyCheck, ProjectRef, PullRequest, RepositoryRef } from './model.js';

/** One server-side pull request query; absent filters are not sent. */
export interface PullRequestQuery {
  readonly project: ProjectRef;
  readonly repository?: RepositoryRef;
  /** Full ref, `refs/heads/main`. */
  readonly targetBranch?: string;
  /** Not sent (the server cannot): the run keeps only pull requests whose target ref starts with one of these. */
  readonly targetBranchPrefixes?: readonly string[];
}

export interface ScopeRequest {
  readonly projects: readonly string[];
  readonly allProjects: boolean;
  readonly repositories: readonly string[];
}

export interface ResolvedScope {
  readonly projects: readonly ProjectRef[];
  /** Empty means every repository of each project. Each is tied to its project. */
  readonly repositories: readonly (RepositoryRef & { readonly projectId: string })[];
}

/** What the server said after a requeue; `confirmedBy` tells how we know it happened. */
export interface RequeueOutcome {
  readonly newBuildId?: number;
  readonly confirmedBy: 'response' | 'read-back';
}

/** A build of a pipeline definition that is queued (`notStarted`) or running (`inProgress`). */
export interface ActiveBuild {
  readonly id: number;
  readonly definitionId: number;
  readonly status: 'notStarted' | 'inProgress';
}

/**
 * A build of a pull request's merge (`refs/pull/{id}/merge`), as a requeue or a push to the pull request queues
 * it: the trace another run's requeue leaves (decision 0014).
 */
export interface PullRequestBuild {
  readonly id: number;
  readonly definitionId: number;
  readonly repositoryId: string;
  readonly pullRequestId: number;
  /** Epoch ms, by the server's clock. */
  readonly queuedAtMs?: number;
}

/** Which pull-request builds a listing asks for. */
export interface BuildWindow {
  /** Queued at or after this (epoch ms; the server's clock may differ a little from ours: leave a margin). */
  readonly sinceMs: number;
  /**
   * Builds up to this id were listed before: newest queued first, paging may stop at a page holding no newer
   * one, so a refresh reads what is new rather than the whole window again.
   */
  readonly seenUpToId?: number;
}

/** Thrown by `requeueCheck` when the world changed and the requeue no longer applies (not a failure). */
export class CheckNoLongerApplicableError extends Error {
  override readonly name = 'CheckNoLongerApplicableError';
  constructor(
    readonly skipReason: 'changed' | 'vanished' | 'not-expired' | 'build-in-progress',
    message: string,
  ) {
    super(message);
  }
}

export interface ChecksApi {
  /** Resolves names or ids; throws a configuration error for unknown projects or repositories. */
  resolveScope(request: ScopeRequest, signal?: AbortSignal): Promise<ResolvedScope>;
  /** Active pull requests, page by page, each new pull request once (docs/reliability.md, "Paging"). */
  listPullRequests(query: PullRequestQuery, signal?: AbortSignal): AsyncIterable<readonly PullRequest[]>;
  listChecks(pullRequest: PullRequest, signal?: AbortSignal): Promise<readonly PolicyCheck[]>;
  /** Requeues exactly once: never resends after an unknown outcome without reading the state back. */
  requeueCheck(pullRequest: PullRequest, check: PolicyCheck, signal?: AbortSignal): Promise<RequeueOutcome>;
  /**
   * Builds of these definitions in the project that are queued or running, every page. Called once per project,
   * and only for --max-builds-in-flight; optional so that ports written before capacity awareness still fit.
   */
  listActiveBuilds?(
    project: ProjectRef,
    definitionIds: readonly number[],
    signal?: AbortSignal,
  ): Promise<readonly ActiveBuild[]>;
  /**
   * Pull-request builds of these definitions in the project within the window, every page needed. The cross-run
   * guard reads it right before requeues; optional, as without it a run keeps exactly once only within itself.
   */
  listPullRequestBuilds?(
    project: ProjectRef,
    definitionIds: readonly number[],
    window: BuildWindow,
    signal?: AbortSignal,
  ): Promise<readonly PullRequestBuild[]>;
}

/** How a failed call should be treated by the use case. */
/** `stopped`: the run stopped (signal, --timeout) before the call was sent; nothing happened on the server. */
export type ApiFailureKind = 'auth' | 'config' | 'not-found' | 'stopped' | 'other';

/** A failed Azure DevOps call, already classified and redacted by the adapter. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly kind: ApiFailureKind,
    message: string,
    /** A short machine code: `TF401027`, `HTTP 500`, `ECONNRESET`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
