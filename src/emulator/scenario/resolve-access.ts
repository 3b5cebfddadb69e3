// Resolves a scenario's identity settings (job scope, referenced repositories, denials) to ids (§8).
import type { ProjectEntity, RepositoryEntity } from '../model/entities.js';
import type { AccessRules, Denial } from '../model/store.js';
import type { ScenarioIdentity } from './scenario-types.js';

/** Finds `Repo` (in the job's project first, then anywhere) or `Project/Repo`, case-insensitively. */
export function resolveRepositoryName(
  projects: ProjectEntity[],
  preferred: ProjectEntity | undefined,
  name: string,
): RepositoryEntity {
  const [first, second] = name.split('/');
  const lower = (value: string | undefined) => (value ?? '').toLowerCase();
  const candidates =
    second === undefined
      ? [...(preferred?.repositories ?? []), ...projects.flatMap((p) => p.repositories)].filter(
          (r) => r.name.toLowerCase() === lower(first),
        )
      : projects
          .filter((p) => p.name.toLowerCase() === lower(first))
          .flatMap((p) => p.repositories)
          .filter((r) => r.name.toLowerCase() === lower(second));
  const found = candidates[0];
  if (found === undefined) {
    throw new Error(`scenario: unknown repository "${name}"`);
  }
  return found;
}

/** The project the job runs in: `jobProject` by name, else the first project. */
export function resolveJobProject(
  projects: ProjectEntity[],
  identity: ScenarioIdentity,
): ProjectEntity | undefined {
  if (identity.jobProject === undefined) {
    return projects[0];
  }
  const wanted = identity.jobProject.toLowerCase();
  const found = projects.find((p) => p.name.toLowerCase() === wanted);
  if (found === undefined) {
    throw new Error(`scenario: unknown jobProject "${identity.jobProject}"`);
  }
  return found;
}

export function resolveAccess(projects: ProjectEntity[], identity: ScenarioIdentity): AccessRules {
  const jobProject = resolveJobProject(projects, identity);
  const ids = (names: string[]) =>
    new Set(names.map((n) => resolveRepositoryName(projects, jobProject, n).id));
  const denials = (identity.denied ?? []).map((denied): Denial => {
    const denial: Denial = { token: denied.token, permission: denied.permission };
    if (denied.repositories !== undefined) {
      denial.repositoryIds = ids(denied.repositories);
    }
    if (denied.definitions !== undefined) {
      denial.definitionIds = new Set(denied.definitions);
    }
    return denial;
  });
  return {
    jobProjectId: identity.jobTokenScope === 'project' ? (jobProject?.id ?? null) : null,
    jobRepositoryIds:
      identity.referencedRepositories === undefined ? null : ids(identity.referencedRepositories),
    denials,
  };
}
