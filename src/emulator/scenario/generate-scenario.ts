// Generates large reproducible scenarios (e.g. 10,000 pull requests) from a seed, cheaply and compactly.
import { createRandom } from '../model/random.js';
import type {
  GenerateOptions,
  Scenario,
  ScenarioBranch,
  ScenarioProject,
  ScenarioPullRequest,
  ScenarioReviewer,
} from './scenario-types.js';

// Shared, never mutated: one approving reviewer list for every generated PR keeps 10,000 PRs lean.
const APPROVING_REVIEWERS: ScenarioReviewer[] = [{ name: 'Generated Reviewer', vote: 10 }];

/** Every generated repository has the same branch policies: an automatic build on main, a manual one on release. */
const GENERATED_BRANCHES: ScenarioBranch[] = [
  {
    name: 'main',
    policies: [
      { type: 'build', displayName: 'PR build', expiration: 'immediately' },
      { type: 'minimumReviewers', minimumApproverCount: 1 },
    ],
  },
  {
    name: 'release',
    policies: [
      { type: 'build', displayName: 'Manual build', expiration: 'immediately', manualQueueOnly: true },
    ],
  },
];

function fraction(value: number | undefined): number {
  return Math.min(1, Math.max(0, value ?? 0));
}

/**
 * A scenario with `pullRequests` active PRs spread round-robin over `repositories` repositories in `projects`
 * projects. Each PR independently (seeded) is manual-only (targets `release`), draft, in conflict, and has an
 * expired, running or approved build check per the fractions; expired and running are exclusive.
 */
export function generateScenario(options: GenerateOptions): Scenario {
  const random = createRandom(options.seed ?? 1);
  const projectCount = Math.max(1, Math.floor(options.projects ?? 1));
  const repositoryCount = Math.max(projectCount, Math.floor(options.repositories ?? projectCount));
  const projects: ScenarioProject[] = [];
  for (let p = 0; p < projectCount; p += 1) {
    projects.push({ name: `Generated ${p + 1}`, repositories: [] });
  }
  const repositories = [];
  for (let r = 0; r < repositoryCount; r += 1) {
    const repository = {
      name: `repo-${r + 1}`,
      branches: GENERATED_BRANCHES,
      pullRequests: [] as ScenarioPullRequest[],
    };
    projects[r % projectCount]?.repositories.push(repository);
    repositories.push(repository);
  }
  const expired = fraction(options.expiredFraction);
  const running = fraction(options.runningFraction);
  for (let i = 0; i < options.pullRequests; i += 1) {
    const pr: ScenarioPullRequest = {
      targetBranch: random.next() < fraction(options.manualFraction) ? 'release' : 'main',
      reviewers: APPROVING_REVIEWERS,
    };
    if (random.next() < fraction(options.draftFraction)) pr.isDraft = true;
    if (random.next() < fraction(options.conflictFraction)) pr.conflicts = true;
    const roll = random.next();
    if (roll < expired) pr.check = 'expired';
    else if (roll < expired + running) pr.check = 'running';
    repositories[i % repositoryCount]?.pullRequests.push(pr);
  }
  return { seed: options.seed ?? 1, projects };
}
