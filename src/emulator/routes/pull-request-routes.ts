// Pull requests at project, repository and organization level (locations a5d28130, 01a46dea, 9946fd70; §3.3).
import type { ProjectEntity, RepositoryEntity } from '../model/entities.js';
import { toCollection } from '../protocol/wire-format.js';
import { pullRequestJson } from '../wire/pull-request-json.js';
import { parsePullRequestQuery, selectPullRequests } from './pull-request-query.js';
import { requireProject, requirePullRequest, requireRepository } from './resolve-scope.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const BY_PROJECT = 'a5d28130-9cd2-40fa-9f08-902e7daa9efb';
const BY_ID = '01a46dea-7d46-4d40-bc84-319e7c260d99';
const BY_REPOSITORY = '9946fd70-0d40-406e-b686-b4744cbbcc37';

function list(ctx: RouteContext, project: ProjectEntity | null, repository?: RepositoryEntity): RouteResult {
  const query = parsePullRequestQuery(ctx, project, repository);
  const page = selectPullRequests(ctx, project, query);
  const options = { single: false, includeLinks: query.includeLinks };
  return { body: toCollection(page.map((pr) => pullRequestJson(ctx.orgUrl, pr, options))) };
}

function single(
  ctx: RouteContext,
  scope: { project?: ProjectEntity; repository?: RepositoryEntity },
): RouteResult {
  const pr = requirePullRequest(ctx, ctx.params.get('pullRequestId') ?? '', scope);
  return { body: pullRequestJson(ctx.orgUrl, pr, { single: true, includeLinks: true }) };
}

function repositoryIn(ctx: RouteContext, project: ProjectEntity | null): RepositoryEntity {
  return requireRepository(ctx, project, ctx.params.get('repositoryId') ?? '');
}

export const PULL_REQUEST_ROUTES: Route[] = [
  {
    method: 'GET',
    template: '{project}/_apis/git/pullRequests',
    locationId: BY_PROJECT,
    handle: (ctx) => list(ctx, requireProject(ctx)),
  },
  {
    method: 'GET',
    template: '{project}/_apis/git/pullRequests/{pullRequestId}',
    locationId: BY_ID,
    handle: (ctx) => single(ctx, { project: requireProject(ctx) }),
  },
  // §2.2: az's `pr policy list/queue --id N` asks without a project.
  {
    method: 'GET',
    template: '_apis/git/pullRequests/{pullRequestId}',
    locationId: BY_ID,
    handle: (ctx) => single(ctx, {}),
  },
  {
    method: 'GET',
    template: '{project}/_apis/git/repositories/{repositoryId}/pullRequests',
    locationId: BY_REPOSITORY,
    handle: (ctx) => {
      const project = requireProject(ctx);
      return list(ctx, project, repositoryIn(ctx, project));
    },
  },
  {
    method: 'GET',
    template: '{project}/_apis/git/repositories/{repositoryId}/pullRequests/{pullRequestId}',
    locationId: BY_REPOSITORY,
    handle: (ctx) => {
      const project = requireProject(ctx);
      return single(ctx, { project, repository: repositoryIn(ctx, project) });
    },
  },
  {
    method: 'GET',
    template: '_apis/git/repositories/{repositoryId}/pullRequests',
    locationId: BY_REPOSITORY,
    handle: (ctx) => {
      const repository = repositoryIn(ctx, null);
      return list(ctx, repository.project, repository);
    },
  },
  {
    method: 'GET',
    template: '_apis/git/repositories/{repositoryId}/pullRequests/{pullRequestId}',
    locationId: BY_REPOSITORY,
    handle: (ctx) => single(ctx, { repository: repositoryIn(ctx, null) }),
  },
];
