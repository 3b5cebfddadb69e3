// The adapter: implements the domain's ChecksApi over the Azure DevOps REST API through an HTTP pipeline.
import type { HttpResponse, SendRequest } from '../http/types.js';
import {
  ApiFailure,
  type ChecksApi,
  type PullRequestQuery,
  type ResolvedScope,
  type ScopeRequest,
} from '../requeue/checks-api.js';
import type { PolicyCheck, ProjectRef, PullRequest, RepositoryRef } from '../requeue/model.js';
import { failureFromError } from './call-failure.js';
import {
  policyEvaluationsUrl,
  projectsUrl,
  projectUrl,
  pullRequestsUrl,
  repositoryUrl,
} from './endpoints.js';
import { isObject, readCollection, requireString } from './json-guards.js';
import { listActiveBuilds } from './list-active-builds.js';
import { parsePolicyEvaluation } from './parse-policy-evaluation.js';
import { parsePullRequest } from './parse-pull-request.js';
import { readJson } from './read-response.js';
import { requeueEvaluation } from './requeue-evaluation.js';
import { systemClock, type Clock } from '../util/clock.js';

export interface AzureDevOpsClientOptions {
  /** Validated organization URL without a trailing slash. */
  readonly organizationUrl: string;
  readonly send: SendRequest;
  /** `$top` of each PR page; the service caps it at 1000 and silently defaults to 101 (reference §3.3). @default 1000 */
  readonly pageSize?: number;
  /** @default systemClock */
  readonly clock?: Clock;
  /**
   * A check read longer ago than this is read again (with its PR) right before its PATCH, so a world that moved
   * on is skipped instead of requeued. Fresher checks are not: two extra GETs per requeue would cost more than
   * the race they guard against in a run of a few seconds. @default 60_000
   */
  readonly recheckAfterMs?: number;
}

export function createAzureDevOpsClient(options: AzureDevOpsClientOptions): ChecksApi {
  const org = options.organizationUrl;
  const pageSize = Math.min(options.pageSize ?? 1000, 1000);
  const clock = options.clock ?? systemClock;
  const recheckAfterMs = options.recheckAfterMs ?? 60_000;
  /** When each check was read, by evaluation id. */
  const readAtMs = new Map<string, number>();

  async function get(
    url: URL,
    what: string,
    signal?: AbortSignal,
  ): Promise<{ body: unknown; response: HttpResponse }> {
    let response: HttpResponse;
    try {
      response = await options.send({
        method: 'GET',
        url,
        headers: {},
        idempotent: true,
        operation: what,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw failureFromError(error, what);
    }
    return { body: readJson(response, what), response };
  }

  async function resolveProject(nameOrId: string, signal?: AbortSignal): Promise<ProjectRef> {
    try {
      const { body } = await get(projectUrl(org, nameOrId), `read project "${nameOrId}"`, signal);
      return toProjectRef(body);
    } catch (error) {
      if (error instanceof ApiFailure && error.kind === 'not-found') {
        throw new ApiFailure(
          'config',
          `project "${nameOrId}" does not exist, or the token cannot read it (${error.code})`,
          error.code,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async function listAllProjects(signal?: AbortSignal): Promise<ProjectRef[]> {
    const projects: ProjectRef[] = [];
    let token: string | undefined;
    do {
      const { body, response } = await get(projectsUrl(org, 500, token), 'list projects', signal);
      projects.push(...readCollection(body, 'list projects').map(toProjectRef));
      // Projects page with a continuation token header, not $skip (reference §3.1).
      token = response.headers['x-ms-continuationtoken'] || undefined;
    } while (token !== undefined);
    return projects;
  }

  async function resolveRepository(nameOrId: string, projects: readonly ProjectRef[], signal?: AbortSignal) {
    for (const project of projects) {
      try {
        const { body } = await get(
          repositoryUrl(org, project.id, nameOrId),
          `read repository "${nameOrId}"`,
          signal,
        );
        return { ...toRepositoryRef(body), projectId: project.id };
      } catch (error) {
        if (!(error instanceof ApiFailure && error.kind === 'not-found')) throw error;
      }
    }
    const where = projects.map((project) => project.name).join(', ');
    throw new ApiFailure(
      'config',
      `repository "${nameOrId}" was not found in ${where} (TF401019), or the job token is limited to other repositories`,
      'TF401019',
    );
  }

  return {
    async resolveScope(request: ScopeRequest, signal?: AbortSignal): Promise<ResolvedScope> {
      const projects = request.allProjects
        ? await listAllProjects(signal)
        : await Promise.all(request.projects.map((name) => resolveProject(name, signal)));
      const repositories = await Promise.all(
        request.repositories.map((name) => resolveRepository(name, projects, signal)),
      );
      return { projects: uniqueById(projects), repositories };
    },

    async *listPullRequests(
      query: PullRequestQuery,
      signal?: AbortSignal,
    ): AsyncIterable<readonly PullRequest[]> {
      const what = `list active pull requests of project "${query.project.name}"`;
      for (let skip = 0; ; skip += pageSize) {
        const url = pullRequestsUrl(org, {
          projectId: query.project.id,
          repositoryId: query.repository?.id,
          targetRefName: query.targetBranch,
          top: pageSize,
          skip,
        });
        const { body } = await get(url, what, signal);
        const page = parseAnswer(what, () =>
          readCollection(body, what).map((item) => parsePullRequest(item, org)),
        );
        yield page;
        if (page.length < pageSize) return;
      }
    },

    async listChecks(pullRequest: PullRequest, signal?: AbortSignal): Promise<readonly PolicyCheck[]> {
      const what = `list policy checks of pull request ${pullRequest.id}`;
      const checks: PolicyCheck[] = [];
      const top = 1000;
      for (let skip = 0; ; skip += top) {
        const url = policyEvaluationsUrl(org, pullRequest.project.id, pullRequest.id, top, skip);
        const { body } = await get(url, what, signal);
        const page = parseAnswer(what, () => readCollection(body, what).map(parsePolicyEvaluation));
        const nowMs = clock.now();
        for (const check of page) readAtMs.set(check.evaluationId, nowMs);
        checks.push(...page);
        if (page.length < top) return checks;
      }
    },

    requeueCheck(pullRequest: PullRequest, check: PolicyCheck) {
      const ageMs = clock.now() - (readAtMs.get(check.evaluationId) ?? Number.NEGATIVE_INFINITY);
      return requeueEvaluation(options.send, org, pullRequest, check, {
        clock,
        checkFirst: ageMs >= recheckAfterMs,
      });
    },

    listActiveBuilds(project: ProjectRef, definitionIds: readonly number[], signal?: AbortSignal) {
      return listActiveBuilds(get, org, project, definitionIds, signal);
    },
  };
}

function toProjectRef(value: unknown): ProjectRef {
  if (!isObject(value))
    throw new ApiFailure('other', 'a project in the answer is not an object', 'bad-shape');
  return { id: requireString(value, 'id', 'project'), name: requireString(value, 'name', 'project') };
}

function toRepositoryRef(value: unknown): RepositoryRef {
  if (!isObject(value))
    throw new ApiFailure('other', 'a repository in the answer is not an object', 'bad-shape');
  return { id: requireString(value, 'id', 'repository'), name: requireString(value, 'name', 'repository') };
}

function uniqueById(projects: readonly ProjectRef[]): ProjectRef[] {
  return [...new Map(projects.map((project) => [project.id, project])).values()];
}

/** A server answer that does not have the shape the rules need becomes an ApiFailure naming the call. */
function parseAnswer<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw failureFromError(error, what);
  }
}
