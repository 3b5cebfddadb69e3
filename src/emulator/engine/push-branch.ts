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

export interface PushResult {
  refName: string;
  pushed: { project: string; repository: string; commitId: string }[];
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
export function pushBranch(store: Store, request: PushRequest, nowMs: number): PushResult {
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
    repository.branches.set(refName.toLowerCase(), { refName, commitId });
    result.pushed.push({ project: repository.project.name, repository: repository.name, commitId });
    for (const pr of store.pullRequestsByTarget.get(targetKey(repository.id, refName)) ?? []) {
      if (pr.status !== 'active') continue;
      pr.lastMergeTargetCommit = commitId;
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
  }
  store.counters.pushes += 1;
  return result;
}
