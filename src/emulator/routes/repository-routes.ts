// Git repositories (location 225f7195): list per project or organization, get by name or GUID (§3.2).
import { canSeeRepository } from '../engine/access.js';
import type { RepositoryEntity } from '../model/entities.js';
import { queryBoolean } from '../protocol/parse-url.js';
import { toCollection } from '../protocol/wire-format.js';
import { repositoryJson } from '../wire/repository-json.js';
import { requireProject, requireRepository } from './resolve-scope.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const REPOSITORIES_LOCATION = '225f7195-f9c7-4d14-ab28-a83f7ff77e1f';

function listed(ctx: RouteContext, repositories: RepositoryEntity[]): RouteResult {
  const includeLinks = queryBoolean(ctx.url.query, 'includeLinks') ?? false;
  const visible = repositories.filter((repository) => canSeeRepository(ctx.store, ctx.caller, repository));
  return { body: toCollection(visible.map((r) => repositoryJson(ctx.orgUrl, r, includeLinks))) };
}

export const REPOSITORY_ROUTES: Route[] = [
  {
    method: 'GET',
    template: '{project}/_apis/git/repositories',
    locationId: REPOSITORIES_LOCATION,
    handle: (ctx) => listed(ctx, requireProject(ctx).repositories),
  },
  {
    method: 'GET',
    template: '_apis/git/repositories',
    locationId: REPOSITORIES_LOCATION,
    handle: (ctx) =>
      listed(
        ctx,
        ctx.store.projects.flatMap((project) => project.repositories),
      ),
  },
  {
    method: 'GET',
    template: '{project}/_apis/git/repositories/{repositoryId}',
    locationId: REPOSITORIES_LOCATION,
    handle: (ctx) => {
      const repository = requireRepository(ctx, requireProject(ctx), ctx.params.get('repositoryId') ?? '');
      return { body: repositoryJson(ctx.orgUrl, repository, true) };
    },
  },
  {
    method: 'GET',
    template: '_apis/git/repositories/{repositoryId}',
    locationId: REPOSITORIES_LOCATION,
    handle: (ctx) => {
      const repository = requireRepository(ctx, null, ctx.params.get('repositoryId') ?? '');
      return { body: repositoryJson(ctx.orgUrl, repository, true) };
    },
  },
];
