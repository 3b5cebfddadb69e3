// What a caller may see and do: job authorization scope, referenced repositories, denied permissions (§8, §5).
import type { Caller } from '../identity/authenticate.js';
import type { ProjectEntity, RepositoryEntity } from '../model/entities.js';
import type { Store } from '../model/store.js';

/** A project-scoped job token sees only its own project ("Limit job authorization scope", §8). */
export function canSeeProject(store: Store, caller: Caller, project: ProjectEntity): boolean {
  return (
    caller.token !== 'job' || store.access.jobProjectId === null || store.access.jobProjectId === project.id
  );
}

/** With "limit to referenced repositories" the job token sees only those (others answer 404 TF401019). */
export function canSeeRepository(store: Store, caller: Caller, repository: RepositoryEntity): boolean {
  if (!canSeeProject(store, caller, repository.project)) {
    return false;
  }
  const allowed = store.access.jobRepositoryIds;
  return caller.token !== 'job' || allowed === null || allowed.has(repository.id);
}

/** Git Repositories namespace, PullRequestContribute bit 16384 (§5 TF401027). */
export function canContributeToPullRequests(
  store: Store,
  caller: Caller,
  repository: RepositoryEntity,
): boolean {
  return !store.access.denials.some(
    (denial) =>
      denial.token === caller.token &&
      denial.permission === 'PullRequestContribute' &&
      (denial.repositoryIds === undefined || denial.repositoryIds.has(repository.id)),
  );
}

/** Build namespace, QueueBuilds bit 128, per definition. */
export function canQueueBuilds(store: Store, caller: Caller, definitionId: number): boolean {
  return !store.access.denials.some(
    (denial) =>
      denial.token === caller.token &&
      denial.permission === 'QueueBuilds' &&
      (denial.definitionIds === undefined || denial.definitionIds.has(definitionId)),
  );
}

/** Active pull requests' repositories the caller can see; used to filter project-wide lists. */
export function visibleRepositories(
  store: Store,
  caller: Caller,
  project: ProjectEntity,
): RepositoryEntity[] {
  return project.repositories.filter((repository) => canSeeRepository(store, caller, repository));
}
