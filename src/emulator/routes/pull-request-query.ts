// searchCriteria.* and paging of the pull-request lists, answered from the narrowest index (§3.3, §10.6).
import { canSeeRepository } from '../engine/access.js';
import type { ProjectEntity, PullRequestEntity, RepositoryEntity } from '../model/entities.js';
import { targetKey } from '../model/store.js';
import { queryBoolean } from '../protocol/parse-url.js';
import { serviceErrors } from '../protocol/service-errors.js';
import { pageWindow, requireRepository } from './resolve-scope.js';
import type { RouteContext } from './route-types.js';

/** §3.3 paging: 101 when `$top` is omitted (undocumented but observed), at most 1000. */
export const DEFAULT_PULL_REQUEST_PAGE = 101;
export const MAX_PULL_REQUEST_PAGE = 1000;

type StatusFilter = PullRequestEntity['status'] | 'all';

/** PullRequestStatus by name (any case) or number: 0 notSet, 1 active, 2 abandoned, 3 completed, 4 all (§10.6). */
const STATUSES: Record<string, StatusFilter> = {
  '0': 'active',
  notset: 'active',
  '1': 'active',
  active: 'active',
  '2': 'abandoned',
  abandoned: 'abandoned',
  '3': 'completed',
  completed: 'completed',
  '4': 'all',
  all: 'all',
};

export interface PullRequestQuery {
  status: StatusFilter;
  repository?: RepositoryEntity;
  targetRefName?: string;
  sourceRefName?: string;
  creatorId?: string;
  includeLinks: boolean;
  skip: number;
  top: number;
}

export function parsePullRequestQuery(
  ctx: RouteContext,
  project: ProjectEntity | null,
  pathRepository?: RepositoryEntity,
): PullRequestQuery {
  const query = ctx.url.query;
  const statusText = query.get('searchcriteria.status');
  const status =
    statusText === undefined || statusText === '' ? 'active' : STATUSES[statusText.toLowerCase()];
  if (status === undefined) {
    throw serviceErrors.invalidArgument('searchCriteria.status', statusText ?? '');
  }
  const repositoryId = query.get('searchcriteria.repositoryid');
  const repository =
    pathRepository ?? (repositoryId ? requireRepository(ctx, project, repositoryId) : undefined);
  const parsed: PullRequestQuery = {
    status,
    includeLinks: queryBoolean(query, 'searchCriteria.includeLinks') ?? false,
    ...pageWindow(ctx, DEFAULT_PULL_REQUEST_PAGE, MAX_PULL_REQUEST_PAGE),
  };
  if (repository !== undefined) parsed.repository = repository;
  const target = query.get('searchcriteria.targetrefname');
  if (target) parsed.targetRefName = target.toLowerCase();
  const source = query.get('searchcriteria.sourcerefname');
  if (source) parsed.sourceRefName = source.toLowerCase();
  const creator = query.get('searchcriteria.creatorid');
  if (creator) parsed.creatorId = creator.toLowerCase();
  return parsed;
}

/** One page, newest first; scans only the matching index and stops after `$skip + $top` matches. */
export function selectPullRequests(
  ctx: RouteContext,
  project: ProjectEntity | null,
  query: PullRequestQuery,
): PullRequestEntity[] {
  const store = ctx.store;
  let candidates: PullRequestEntity[];
  if (query.repository !== undefined && query.targetRefName !== undefined) {
    candidates = store.pullRequestsByTarget.get(targetKey(query.repository.id, query.targetRefName)) ?? [];
  } else if (query.repository !== undefined) {
    candidates = store.pullRequestsByRepository.get(query.repository.id) ?? [];
  } else if (project !== null) {
    candidates = store.pullRequestsByProject.get(project.id) ?? [];
  } else {
    candidates = [...store.pullRequestsById.values()].sort((a, b) => b.id - a.id);
  }
  const page: PullRequestEntity[] = [];
  let skipped = 0;
  const visibility = new Map<RepositoryEntity, boolean>();
  for (const pr of candidates) {
    if (query.status !== 'all' && pr.status !== query.status) continue;
    if (query.targetRefName !== undefined && pr.targetRefName.toLowerCase() !== query.targetRefName) continue;
    if (query.sourceRefName !== undefined && pr.sourceRefName.toLowerCase() !== query.sourceRefName) continue;
    if (query.creatorId !== undefined && pr.createdBy.id !== query.creatorId) continue;
    let visible = visibility.get(pr.repository);
    if (visible === undefined) {
      // A job token limited to referenced repositories simply does not see the others' PRs (§8).
      visible = canSeeRepository(store, ctx.caller, pr.repository);
      visibility.set(pr.repository, visible);
    }
    if (!visible) continue;
    if (skipped < query.skip) {
      skipped += 1;
      continue;
    }
    page.push(pr);
    if (page.length >= query.top) break;
  }
  return page;
}
