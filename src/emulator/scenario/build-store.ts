// Builds the in-memory organization from a scenario: projects, repositories, policies, pull requests, builds.
import { createBuildServiceIdentity, createUserIdentity } from '../identity/identities.js';
import type { PolicyEntity, ProjectEntity, RepositoryEntity } from '../model/entities.js';
import { createRandom } from '../model/random.js';
import { indexPolicy, indexPullRequest, sortPullRequests, targetKey, type Store } from '../model/store.js';
import { createPolicy, policyApplies, toRefName, type PolicyFactory } from './build-policies.js';
import { branchHead, createPullRequest, type PullRequestBuildContext } from './build-pull-requests.js';
import { generateScenario } from './generate-scenario.js';
import { resolveAccess, resolveJobProject } from './resolve-access.js';
import type { Scenario, ScenarioProject, ScenarioPullRequest } from './scenario-types.js';

const DAY_MS = 86_400_000;

function createProjects(store: Store, projects: ScenarioProject[], nowMs: number): void {
  for (const [index, spec] of projects.entries()) {
    const project: ProjectEntity = {
      id: spec.id?.toLowerCase() ?? store.random.guid(),
      name: spec.name,
      description: spec.description ?? `${spec.name} (emulated)`,
      visibility: spec.visibility ?? 'private',
      revision: 100 + index,
      lastUpdateMs: nowMs - 30 * DAY_MS,
      repositories: [],
    };
    for (const repoSpec of spec.repositories) {
      const repository: RepositoryEntity = {
        id: repoSpec.id?.toLowerCase() ?? store.random.guid(),
        name: repoSpec.name,
        project,
        defaultBranch: toRefName(repoSpec.defaultBranch ?? 'main'),
        branches: new Map(),
      };
      project.repositories.push(repository);
      store.repositoriesById.set(repository.id, repository);
    }
    store.projects.push(project);
    store.projectsByKey.set(project.id, project);
    store.projectsByKey.set(project.name.toLowerCase(), project);
  }
}

function createPolicies(store: Store, projects: ScenarioProject[], factory: PolicyFactory): void {
  for (const [index, spec] of projects.entries()) {
    const project = store.projects[index];
    if (project === undefined) continue;
    for (const policy of spec.policies ?? []) {
      indexPolicy(store, createPolicy(factory, project, policy, policy.branch, null));
    }
    for (const [repoIndex, repoSpec] of spec.repositories.entries()) {
      const repository = project.repositories[repoIndex];
      if (repository === undefined) continue;
      for (const branch of repoSpec.branches ?? []) {
        for (const policy of branch.policies ?? []) {
          indexPolicy(store, createPolicy(factory, project, policy, branch.name, repository));
        }
      }
    }
  }
}

function createPullRequests(store: Store, projects: ScenarioProject[], nowMs: number): void {
  const cache = new Map<string, PolicyEntity[]>();
  const ctx: PullRequestBuildContext = {
    store,
    nowMs,
    policiesFor: (repository, targetRefName) => {
      const key = targetKey(repository.id, targetRefName);
      let list = cache.get(key);
      if (list === undefined) {
        const candidates = store.policiesByProject.get(repository.project.id) ?? [];
        list = candidates.filter((p) => policyApplies(p, repository.id, targetRefName));
        cache.set(key, list);
      }
      return list;
    },
  };
  const pending: { spec: ScenarioPullRequest; repository: RepositoryEntity; id: number }[] = [];
  const taken = new Set<number>();
  for (const [i, project] of projects.entries()) {
    for (const [j, repoSpec] of project.repositories.entries()) {
      const repository = store.projects[i]?.repositories[j];
      if (repository === undefined) continue;
      branchHead(ctx, repository, repository.defaultBranch);
      for (const spec of repoSpec.pullRequests ?? []) {
        pending.push({ spec, repository, id: spec.id ?? 0 });
        if (spec.id !== undefined) taken.add(spec.id);
      }
    }
  }
  let nextId = 1;
  let maxId = 0;
  for (const entry of pending) {
    if (entry.id === 0) {
      while (taken.has(nextId)) nextId += 1;
      entry.id = nextId;
      taken.add(nextId);
    }
    maxId = Math.max(maxId, entry.id);
  }
  pending.sort((a, b) => a.id - b.id);
  for (const { spec, repository, id } of pending) {
    // Higher ids are newer (§3.3: lists are newest first), a minute apart unless the scenario says otherwise.
    const ageMinutes = spec.ageMinutes ?? 180 + maxId - id;
    indexPullRequest(store, createPullRequest(ctx, repository, spec, id, nowMs - ageMinutes * 60_000));
  }
  sortPullRequests(store);
}

/** Expands `generate`, then builds every entity and index from the scenario. */
export function buildStore(scenario: Scenario, nowMs: number): Store {
  const random = createRandom(scenario.seed ?? 1);
  const projects = [...(scenario.projects ?? [])];
  if (scenario.generate !== undefined) {
    projects.push(...(generateScenario(scenario.generate).projects ?? []));
  }
  const organization = scenario.organization ?? 'fabrikam';
  const collectionId = random.guid();
  const placeholder = createUserIdentity('Emulator User', collectionId, random);
  const store: Store = {
    organization,
    collectionId,
    identities: { job: placeholder, pat: placeholder, users: new Map([['emulator user', placeholder]]) },
    access: { jobProjectId: null, jobRepositoryIds: null, denials: [] },
    buildSettings: {
      queueMs: scenario.builds?.queueMs ?? null,
      runMs: scenario.builds?.runMs ?? null,
      failFraction: scenario.builds?.failFraction ?? 0,
    },
    random,
    projects: [],
    projectsByKey: new Map(),
    repositoriesById: new Map(),
    pullRequestsById: new Map(),
    pullRequestsByProject: new Map(),
    pullRequestsByRepository: new Map(),
    pullRequestsByTarget: new Map(),
    policiesById: new Map(),
    policiesByProject: new Map(),
    evaluationsById: new Map(),
    buildsById: new Map(),
    buildsByDefinition: new Map(),
    activeBuilds: new Set(),
    nextBuildId: 1001,
    counters: { requeues: 0, buildsQueued: 0, buildsCancelled: 0, pushes: 0 },
  };
  createProjects(store, projects, nowMs);
  const identity = scenario.identity ?? {};
  const jobProject =
    identity.jobTokenScope === 'project' ? (resolveJobProject(store.projects, identity) ?? null) : null;
  store.identities.job = createBuildServiceIdentity(organization, collectionId, jobProject, random);
  store.access = resolveAccess(store.projects, identity);
  const factory: PolicyFactory = {
    nextPolicyId: 1,
    nextDefinitionId: 1,
    definitionIds: new Map(),
    createdBy: placeholder,
    createdMs: nowMs - 20 * DAY_MS,
  };
  createPolicies(store, projects, factory);
  createPullRequests(store, projects, nowMs);
  return store;
}
