// One copy of each value that repeats across a run's answers. JSON.parse makes a fresh string for every
// occurrence, so 10,000 pull requests held 10,000 copies of their project id, repository id and name, target
// branch and target commit, and their checks as many of each policy type id and name: about 60 % of the run's
// live heap at 10,000 PRs. The live heap is what V8 sizes the next collection by, so halving it lowers the
// peak resident memory by several times the bytes saved (docs/performance.md).
import type { ProjectRef, RepositoryRef } from '../requeue/model.js';
import { pathSegment } from './path-segment.js';

export interface SharedValues {
  /** The same string, the first copy seen. For values that repeat (ids, names, branches, statuses, commits). */
  readonly string: (value: string) => string;
  /** One frozen ref per project, and per repository in it, with the web address prefix of its pull requests. */
  repository(project: ProjectRef, repository: RepositoryRef): SharedRepository;
}

export interface SharedRepository {
  readonly project: ProjectRef;
  readonly repository: RepositoryRef;
  /** `{org}/{project}/_git/{repository}/pullrequest/`: a pull request's web page is this and its id. */
  readonly pullRequestUrlPrefix: string;
}

/** Values live as long as the client that made them; everything held here is held by the results anyway. */
export function createSharedValues(organizationUrl: string): SharedValues {
  const strings = new Map<string, string>();
  const repositories = new Map<string, SharedRepository>();
  const string = (value: string): string => {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  };
  return {
    string,
    repository(project, repository) {
      // Names are part of the key: a rename between two pages yields a second ref, never a wrong one.
      const key = `${project.id}\n${project.name}\n${repository.id}\n${repository.name}`;
      const known = repositories.get(key);
      if (known) return known;
      const shared: SharedRepository = {
        project: Object.freeze({ id: string(project.id), name: string(project.name) }),
        repository: Object.freeze({ id: string(repository.id), name: string(repository.name) }),
        pullRequestUrlPrefix: pullRequestUrlPrefix(
          organizationUrl,
          project.name || project.id,
          repository.name || repository.id,
        ),
      };
      repositories.set(key, shared);
      return shared;
    },
  };
}

/** Built from the trusted organization URL, never taken from the answer. */
function pullRequestUrlPrefix(organizationUrl: string, project: string, repository: string): string {
  return `${organizationUrl}/${pathSegment(project)}/_git/${pathSegment(repository)}/pullrequest/`;
}
