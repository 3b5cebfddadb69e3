// The emulator's in-memory organization, with the indexes that keep each request away from full scans (§8 brief).
import type {
  BuildEntity,
  EvaluationEntity,
  IdentityEntity,
  PolicyEntity,
  ProjectEntity,
  PullRequestEntity,
  RepositoryEntity,
} from './entities.js';
import type { Random } from './random.js';

/** A permission taken from a token, resolved to ids (undefined = every repository / definition). */
export interface Denial {
  token: 'job' | 'pat';
  permission: 'PullRequestContribute' | 'QueueBuilds';
  repositoryIds?: Set<string>;
  definitionIds?: Set<number>;
}

export interface AccessRules {
  /** Project the job token is limited to (job authorization scope "project", §8); null = collection. */
  jobProjectId: string | null;
  /** Repositories the job token may see ("limit to referenced repositories"); null = all. */
  jobRepositoryIds: Set<string> | null;
  denials: Denial[];
}

export interface BuildSettings {
  queueMs: number | null;
  runMs: number | null;
  failFraction: number;
}

export interface Store {
  organization: string;
  collectionId: string;
  identities: { job: IdentityEntity; pat: IdentityEntity; users: Map<string, IdentityEntity> };
  access: AccessRules;
  buildSettings: BuildSettings;
  random: Random;
  projects: ProjectEntity[];
  /** Projects by lower-cased name and by id. */
  projectsByKey: Map<string, ProjectEntity>;
  repositoriesById: Map<string, RepositoryEntity>;
  /** Newest first, for every index below (§3.3: lists are newest first). */
  pullRequestsById: Map<number, PullRequestEntity>;
  pullRequestsByProject: Map<string, PullRequestEntity[]>;
  pullRequestsByRepository: Map<string, PullRequestEntity[]>;
  /** Keyed `repositoryId|lower-cased target ref`: a push touches only these. */
  pullRequestsByTarget: Map<string, PullRequestEntity[]>;
  policiesById: Map<number, PolicyEntity>;
  policiesByProject: Map<string, PolicyEntity[]>;
  evaluationsById: Map<string, EvaluationEntity>;
  buildsById: Map<number, BuildEntity>;
  /** Keyed `projectId|definitionId`. */
  buildsByDefinition: Map<string, BuildEntity[]>;
  /** Builds not completed yet; settled lazily against the emulator clock. */
  activeBuilds: Set<BuildEntity>;
  nextBuildId: number;
  counters: { requeues: number; buildsQueued: number; buildsCancelled: number; pushes: number };
}

/** The key of `pullRequestsByTarget`. */
export function targetKey(repositoryId: string, refName: string): string {
  return `${repositoryId}|${refName.toLowerCase()}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [value]);
  } else {
    list.push(value);
  }
}

/** Indexes a pull request; callers add them in ascending id order and call `sortPullRequests` once. */
export function indexPullRequest(store: Store, pr: PullRequestEntity): void {
  store.pullRequestsById.set(pr.id, pr);
  pushTo(store.pullRequestsByProject, pr.project.id, pr);
  pushTo(store.pullRequestsByRepository, pr.repository.id, pr);
  pushTo(store.pullRequestsByTarget, targetKey(pr.repository.id, pr.targetRefName), pr);
  for (const evaluation of pr.evaluations) {
    store.evaluationsById.set(evaluation.id, evaluation);
  }
}

/** Orders every pull-request index newest first (descending id, as the service lists them). */
export function sortPullRequests(store: Store): void {
  for (const index of [
    store.pullRequestsByProject,
    store.pullRequestsByRepository,
    store.pullRequestsByTarget,
  ]) {
    for (const list of index.values()) {
      list.sort((a, b) => b.id - a.id);
    }
  }
}

export function indexPolicy(store: Store, policy: PolicyEntity): void {
  store.policiesById.set(policy.id, policy);
  pushTo(store.policiesByProject, policy.project.id, policy);
}

export function indexBuild(store: Store, build: BuildEntity): void {
  store.buildsById.set(build.id, build);
  pushTo(store.buildsByDefinition, `${build.project.id}|${build.definitionId}`, build);
  if (build.status !== 'completed') {
    store.activeBuilds.add(build);
  }
  if (build.id >= store.nextBuildId) {
    store.nextBuildId = build.id + 1;
  }
}
