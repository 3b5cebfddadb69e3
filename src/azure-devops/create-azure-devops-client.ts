// The adapter: implements the domain's ChecksApi over the Azure DevOps REST API through an HTTP pipeline.
import type { SendRequest } from '../http/types.js';
import type {
  BuildWindow,
  ChecksApi,
  PullRequestQuery,
  ResolvedScope,
  ScopeRequest,
} from '../requeue/checks-api.js';
import type { PolicyCheck, ProjectRef, PullRequest } from '../requeue/model.js';
import { systemClock, type Clock } from '../util/clock.js';
import { policyEvaluationsUrl, pullRequestsUrl } from './endpoints.js';
import { createGetJson } from './get-json.js';
import { readCollection } from './json-guards.js';
import { listActiveBuilds } from './list-active-builds.js';
import { listPullRequestBuilds } from './list-pull-request-builds.js';
import { DEFAULT_LISTING_LIMITS, type ListingLimits } from './listing-limits.js';
import { paginateBySkip } from './paginate-by-skip.js';
import { parsePolicyEvaluation } from './parse-policy-evaluation.js';
import { parsePullRequest } from './parse-pull-request.js';
import { requeueEvaluation } from './requeue-evaluation.js';
import { resolveScope } from './resolve-scope.js';
import { createSharedValues } from './shared-values.js';
import { createActivePullRequests } from './active-pull-requests.js';

export interface AzureDevOpsClientOptions {
  /** Validated organization URL without a trailing slash. */
  readonly organizationUrl: string;
  readonly send: SendRequest;
  /**
   * `$top` of each PR page; the service caps it at 1000 and silently defaults to 101 (reference §3.3). 250 keeps
   * each answer under a megabyte of JSON (a 1000-PR page is about 3 MB, parsed at once) for +0.3 % calls.
   * @default 250
   */
  readonly pageSize?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /**
   * A check read longer ago than this is read again right before its PATCH, and its PR looked up in a listing of
   * active PRs at most 15 s old (or read, if not listed), so a world that moved on is skipped instead of requeued.
   * Fresher checks are not: the extra calls would cost more than the race they guard against in a short run.
   * @default 60_000
   */
  readonly recheckAfterMs?: number;
  /** How many items one listing may hold before it stops with a failure. @default DEFAULT_LISTING_LIMITS */
  readonly listingLimits?: Partial<ListingLimits>;
}

/** How long a listing of active pull requests answers "still active" for the checks read again before a PATCH. */
const ACTIVE_LISTING_MAX_AGE_MS = 15_000;

export function createAzureDevOpsClient(options: AzureDevOpsClientOptions): ChecksApi {
  const org = options.organizationUrl;
  const pageSize = Math.min(options.pageSize ?? 250, 1000);
  const clock = options.clock ?? systemClock;
  const recheckAfterMs = options.recheckAfterMs ?? 60_000;
  const limits: ListingLimits = { ...DEFAULT_LISTING_LIMITS, ...options.listingLimits };
  /** When each check was read, by evaluation id. */
  const readAtMs = new Map<string, number>();

  const get = createGetJson(options.send);
  const shared = createSharedValues(org);
  const parseCheck = (item: unknown): PolicyCheck => parsePolicyEvaluation(item, shared.string);

  function listPullRequests(
    query: PullRequestQuery,
    signal?: AbortSignal,
  ): AsyncIterable<readonly PullRequest[]> {
    const what = `list active pull requests of project "${query.project.name}"`;
    return paginateBySkip({
      get,
      urlFor: (skip, top) =>
        pullRequestsUrl(org, {
          projectId: query.project.id,
          repositoryId: query.repository?.id,
          targetRefName: query.targetBranch,
          top,
          skip,
        }),
      top: pageSize,
      what,
      parse: (body) => readCollection(body, what).map((item) => parsePullRequest(item, shared)),
      idOf: (pullRequest) => pullRequest.id,
      maxItems: limits.pullRequests,
      ...(signal ? { signal } : {}),
    });
  }
  // Asked only for checks old enough to be read again before their PATCH. A listing stays good for 15 s, so a PR
  // closed since is requeued only within that window; with a shorter recheckAfterMs than that (strict callers,
  // tests) every PR is read on its own instead, or the listings would outnumber the requeues.
  const isStillActive =
    recheckAfterMs >= ACTIVE_LISTING_MAX_AGE_MS
      ? createActivePullRequests({ list: listPullRequests, clock, maxAgeMs: ACTIVE_LISTING_MAX_AGE_MS })
      : undefined;

  return {
    resolveScope(request: ScopeRequest, signal?: AbortSignal): Promise<ResolvedScope> {
      return resolveScope(get, org, request, signal, limits);
    },

    listPullRequests,

    async listChecks(pullRequest: PullRequest, signal?: AbortSignal): Promise<readonly PolicyCheck[]> {
      const what = `list policy checks of pull request ${pullRequest.id}`;
      const checks: PolicyCheck[] = [];
      const pages = paginateBySkip({
        get,
        urlFor: (skip, top) => policyEvaluationsUrl(org, pullRequest.project.id, pullRequest.id, top, skip),
        top: 1000,
        what,
        parse: (body) => readCollection(body, what).map(parseCheck),
        idOf: (check) => check.evaluationId,
        maxItems: limits.evaluations,
        ...(signal ? { signal } : {}),
      });
      for await (const page of pages) {
        const nowMs = clock.now();
        // Only build checks can be requeued; the others need no read time.
        for (const check of page) if (check.isBuildPolicy) readAtMs.set(check.evaluationId, nowMs);
        checks.push(...page);
      }
      return checks;
    },

    requeueCheck(pullRequest: PullRequest, check: PolicyCheck) {
      const ageMs = clock.now() - (readAtMs.get(check.evaluationId) ?? Number.NEGATIVE_INFINITY);
      return requeueEvaluation(options.send, org, pullRequest, check, {
        clock,
        checkFirst: ageMs >= recheckAfterMs,
        ...(isStillActive ? { isStillActive } : {}),
      });
    },

    listActiveBuilds(project: ProjectRef, definitionIds: readonly number[], signal?: AbortSignal) {
      return listActiveBuilds(get, org, project, definitionIds, signal, limits.builds);
    },

    listPullRequestBuilds(
      project: ProjectRef,
      definitionIds: readonly number[],
      window: BuildWindow,
      signal?: AbortSignal,
    ) {
      return listPullRequestBuilds(get, org, project, definitionIds, window, signal, limits.builds);
    },
  };
}
