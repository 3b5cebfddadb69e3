// Resolves the projects and repositories the user named (names or ids) into refs with GUIDs, in as few calls as
// possible: one per named project (or the paged project list), and one organization-wide repository list for
// every --repository filter, matched in every project in scope (a name may exist in several projects).
import { ApiFailure, type ResolvedScope, type ScopeRequest } from '../requeue/checks-api.js';
import type { ProjectRef, RepositoryRef } from '../requeue/model.js';
import { API_VERSION, projectsUrl, projectUrl } from './endpoints.js';
import { parseAnswer, type GetJson } from './get-json.js';
import { isObject, readCollection, readObject, requireString } from './json-guards.js';
import { DEFAULT_LISTING_LIMITS, tooManyItems, type ListingLimits } from './listing-limits.js';
import { paginateByContinuation } from './paginate-continuation.js';

export async function resolveScope(
  get: GetJson,
  org: string,
  request: ScopeRequest,
  signal?: AbortSignal,
  limits: ListingLimits = DEFAULT_LISTING_LIMITS,
): Promise<ResolvedScope> {
  const projects = request.allProjects
    ? await listAllProjects(get, org, limits.projects, signal)
    : await Promise.all(request.projects.map((name) => resolveProject(get, org, name, signal)));
  const unique = [...new Map(projects.map((project) => [project.id, project])).values()];
  const repositories =
    request.repositories.length === 0
      ? []
      : await resolveRepositories(get, org, request.repositories, unique, limits.repositories, signal);
  return { projects: unique, repositories };
}

async function resolveProject(
  get: GetJson,
  org: string,
  nameOrId: string,
  signal?: AbortSignal,
): Promise<ProjectRef> {
  const what = `read project "${nameOrId}"`;
  try {
    const { body } = await get(projectUrl(org, nameOrId), what, signal);
    return parseAnswer(what, () => toRef(body, 'project'));
  } catch (error) {
    if (!(error instanceof ApiFailure && error.kind === 'not-found')) throw error;
    const message = `project "${nameOrId}" does not exist, or the token cannot read it (${error.code})`;
    throw new ApiFailure('config', message, error.code, { cause: error });
  }
}

async function listAllProjects(
  get: GetJson,
  org: string,
  maxItems: number,
  signal?: AbortSignal,
): Promise<ProjectRef[]> {
  const what = 'list projects';
  const projects: ProjectRef[] = [];
  const pages = paginateByContinuation({
    get,
    urlFor: (token) => projectsUrl(org, 500, token),
    what,
    parse: (body) => readCollection(body, what).map((item) => toRef(item, 'project')),
    idOf: (project) => project.id,
    maxItems,
    ...(signal ? { signal } : {}),
  });
  for await (const page of pages) projects.push(...page);
  return projects;
}

type ScopedRepository = RepositoryRef & { readonly projectId: string };

async function resolveRepositories(
  get: GetJson,
  org: string,
  filters: readonly string[],
  projects: readonly ProjectRef[],
  maxItems: number,
  signal?: AbortSignal,
): Promise<ScopedRepository[]> {
  const what = 'list repositories';
  const url = new URL(`${org}/_apis/git/repositories?api-version=${API_VERSION.git}`);
  const { body } = await get(url, what, signal);
  const inScope = new Set(projects.map((project) => project.id));
  // One answer, not paged: bounded by the response size limit, and by the item limit like every listing.
  const all = parseAnswer(what, () => readCollection(body, what).map(toScopedRepository));
  if (all.length > maxItems) throw tooManyItems(what, maxItems);
  const visible = all.filter((repository) => inScope.has(repository.projectId));
  const matched = new Map<string, ScopedRepository>();
  for (const filter of filters) {
    const key = filter.toLowerCase();
    const hits = visible.filter(
      (repository) => repository.id === key || repository.name.toLowerCase() === key,
    );
    if (hits.length === 0) throw repositoryNotFound(filter, projects);
    for (const hit of hits) matched.set(hit.id, hit);
  }
  return [...matched.values()];
}

function repositoryNotFound(filter: string, projects: readonly ProjectRef[]): ApiFailure {
  const where = projects.map((project) => project.name).join(', ');
  const message = `repository "${filter}" was not found in ${where} (TF401019), or the job token is limited to other repositories`;
  return new ApiFailure('config', message, 'TF401019');
}

function toRef(value: unknown, what: string): ProjectRef {
  if (!isObject(value))
    throw new ApiFailure('other', `a ${what} in the answer is not an object`, 'bad-shape');
  return { id: requireString(value, 'id', what).toLowerCase(), name: requireString(value, 'name', what) };
}

function toScopedRepository(value: unknown): ScopedRepository {
  const repository = toRef(value, 'repository');
  const project = isObject(value) ? readObject(value, 'project') : undefined;
  if (!project) throw new ApiFailure('other', `repository "${repository.name}" has no project`, 'bad-shape');
  return { ...repository, projectId: requireString(project, 'id', 'repository.project').toLowerCase() };
}
