// A push to a branch: moves its head; for PRs targeting it, new merge commits and build checks no longer current.
import type { ProjectEntity, RepositoryEntity } from '../model/entities.js';
import { targetKey, type Store } from '../model/store.js';
import { isEvaluationExpired } from './evaluation-state.js';

export interface PushRequest {
  /** Project name or id; every project when omitted. */
  project?: string;
  /** Repository name or id; every repository of the project(s) when omitted. */
  repository?: string;
  /** `main` or `refs/heads/main`. */
  branch: string;
}

export interface PushedBranch {
  project: string;
  repository: string;
  commitId: string;
  projectId: string;
  repositoryId: string;
  /** The head before the push (40 zeros for a new branch). */
  oldCommitId: string;
}

export interface PushResult {
  refName: string;
  pushed: PushedBranch[];
  /** Active PRs whose target moved. */
  pullRequestIds: number[];
  /** Build checks of those PRs expired right now (more may expire later for "after N hours" policies). */
  expiredEvaluations: number;
}

function pick<T extends { id: string; name: string }>(
  items: T[],
  key: string | undefined,
  what: string,
): T[] {
  if (key === undefined) return items;
  const lower = key.toLowerCase();
  const found = items.filter((item) => item.id === lower || item.name.toLowerCase() === lower);
  if (found.length === 0) throw new Error(`push: unknown ${what} "${key}"`);
  return found;
}

/**
 * §3.5 expiry is driven from here: each build check of an affected PR becomes "not current"; whether that
 * means expired now, after N hours or never is decided by engine/evaluation-state.ts. A PR in conflict keeps
 * `mergeStatus: conflicts` and gets no merge commit, but its checks are no longer current either.
 */
export function pushBranch(
  store: Store,
  request: PushRequest,
  nowMs: number,
  options: { remerge: boolean } = { remerge: true },
): PushResult {
  const refName = request.branch.startsWith('refs/') ? request.branch : `refs/heads/${request.branch}`;
  const projects: ProjectEntity[] = pick(store.projects, request.project, 'project');
  const repositories: RepositoryEntity[] = pick(
    projects.flatMap((project) => project.repositories),
    request.repository,
    'repository',
  );
  const result: PushResult = { refName, pushed: [], pullRequestIds: [], expiredEvaluations: 0 };
  for (const repository of repositories) {
    const commitId = store.random.sha();
    const oldCommitId = repository.branches.get(refName.toLowerCase())?.commitId ?? '0'.repeat(40);
    repository.branches.set(refName.toLowerCase(), { refName, commitId });
    result.pushed.push({
      project: repository.project.name,
      repository: repository.name,
      commitId,
      projectId: repository.project.id,
      repositoryId: repository.id,
      oldCommitId,
    });
    if (!options.remerge) continue;
    const remerged = remergeTarget(store, repository.id, refName, nowMs);
    result.pullRequestIds.push(...remerged.pullRequestIds);
    result.expiredEvaluations += remerged.expiredEvaluations;
  }
  store.counters.pushes += 1;
  return result;
}

/**
 * The server's re-merge of the active PRs into a branch with its current head. On the real service it runs
 * asynchronously after the push (service-hooks reference §5); the control API may defer it. A head that moved
 * again meanwhile is merged as it is now, once.
 */
export function remergeTarget(
  store: Store,
  repositoryId: string,
  refName: string,
  nowMs: number,
): { pullRequestIds: number[]; expiredEvaluations: number } {
  const head = store.repositoriesById.get(repositoryId)?.branches.get(refName.toLowerCase())?.commitId;
  const result = { pullRequestIds: [] as number[], expiredEvaluations: 0 };
  if (head === undefined) return result;
  for (const pr of store.pullRequestsByTarget.get(targetKey(repositoryId, refName)) ?? []) {
    if (pr.status !== 'active' || pr.lastMergeTargetCommit === head) continue;
    pr.lastMergeTargetCommit = head;
    if (!pr.hasConflicts) {
      pr.lastMergeCommit = store.random.sha();
    }
    result.pullRequestIds.push(pr.id);
    for (const evaluation of pr.evaluations) {
      if (evaluation.policy.build === undefined || evaluation.build === undefined) continue;
      evaluation.buildIsNotCurrent = true;
      if (isEvaluationExpired(evaluation, nowMs)) result.expiredEvaluations += 1;
    }
  }
  return result;
}
