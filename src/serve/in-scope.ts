// Whether a pushed branch is one this service looks after: the projects, repositories and target branches it was
// started with (names or ids, as the CLI takes them). A push names both, so no call is needed to tell.
import type { ScopeRequest } from '../index.js';
import type { PushDelivery } from './parse-hook-event.js';

export function createScopeFilter(
  scope: ScopeRequest,
  targetBranches: readonly string[],
): (push: PushDelivery, refName: string) => boolean {
  const lower = (values: readonly string[]) => new Set(values.map((value) => value.toLowerCase()));
  const projects = lower(scope.projects);
  const repositories = lower(scope.repositories);
  const branches = lower(targetBranches);
  const named = (set: Set<string>, item: { id: string; name: string }) =>
    set.has(item.id.toLowerCase()) || set.has(item.name.toLowerCase());
  return (push, refName) =>
    (scope.allProjects || named(projects, push.project)) &&
    (repositories.size === 0 || named(repositories, push.repository)) &&
    (branches.size === 0 || branches.has(refName.toLowerCase()));
}
