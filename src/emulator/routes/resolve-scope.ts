// Resolves {project}, {repositoryId} and pull request ids: by name or GUID, any case, within what the caller sees.
import { canSeeProject, canSeeRepository } from '../engine/access.js';
import type { ProjectEntity, PullRequestEntity, RepositoryEntity } from '../model/entities.js';
import { serviceErrors } from '../protocol/service-errors.js';
import type { RouteContext } from './route-types.js';

/** The `{project}` path parameter as a project the caller may see, else 404 TF200016 (§3.1). */
export function requireProject(ctx: RouteContext, key = ctx.params.get('project') ?? ''): ProjectEntity {
  const project = ctx.store.projectsByKey.get(key.toLowerCase());
  if (project === undefined || !canSeeProject(ctx.store, ctx.caller, project)) {
    throw serviceErrors.projectNotFound(key);
  }
  return project;
}

/** A repository by GUID (anywhere, or in `project`) or by name (in `project`), else 404 TF401019 (§3.2). */
export function requireRepository(
  ctx: RouteContext,
  project: ProjectEntity | null,
  key: string,
): RepositoryEntity {
  const lower = key.toLowerCase();
  let repository = ctx.store.repositoriesById.get(lower);
  if (repository !== undefined && project !== null && repository.project !== project) {
    repository = undefined;
  }
  repository ??= project?.repositories.find((candidate) => candidate.name.toLowerCase() === lower);
  if (repository === undefined || !canSeeRepository(ctx.store, ctx.caller, repository)) {
    throw serviceErrors.repositoryNotFound(key);
  }
  return repository;
}

/**
 * A pull request by id, optionally within a project and repository. Unknown → 404 TF401180; in a repository the
 * job token may not see ("limit to referenced repositories") → 404 TF401019, as the brief's §8 setting implies.
 */
export function requirePullRequest(
  ctx: RouteContext,
  idText: string,
  scope: { project?: ProjectEntity; repository?: RepositoryEntity },
): PullRequestEntity {
  const id = /^\d+$/.test(idText) ? Number(idText) : Number.NaN;
  const pr = ctx.store.pullRequestsById.get(id);
  if (pr === undefined) {
    if (Number.isNaN(id)) throw serviceErrors.invalidArgument('pullRequestId', idText);
    throw serviceErrors.pullRequestNotFound();
  }
  if (
    (scope.project !== undefined && pr.project !== scope.project) ||
    (scope.repository !== undefined && pr.repository !== scope.repository)
  ) {
    throw serviceErrors.pullRequestNotFound();
  }
  if (!canSeeProject(ctx.store, ctx.caller, pr.project)) {
    throw serviceErrors.pullRequestNotFound();
  }
  if (!canSeeRepository(ctx.store, ctx.caller, pr.repository)) {
    throw serviceErrors.repositoryNotFound(pr.repository.id);
  }
  return pr;
}

/** `$top`/`$skip` as the service clamps them: default and maximum per resource, negatives → defaults. */
export function pageWindow(
  ctx: RouteContext,
  defaultTop: number,
  maxTop: number,
): { skip: number; top: number } {
  const read = (name: string) => {
    const value = ctx.url.query.get(name);
    if (value === undefined || value.trim() === '') return undefined;
    const number = Number(value);
    if (!Number.isInteger(number)) throw serviceErrors.invalidArgument(name, value);
    return number;
  };
  const top = read('$top');
  const skip = read('$skip');
  return {
    top: top === undefined || top < 1 ? defaultTop : Math.min(top, maxTop),
    skip: skip === undefined || skip < 0 ? 0 : skip,
  };
}
