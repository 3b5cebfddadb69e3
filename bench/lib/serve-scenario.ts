// The organization of the serve scenario (docs/performance.md, "serve: push to requeue"): 1,000 active PRs in
// one project, 300 of them into `main` of the repository the benchmark pushes to, the other 700 spread over
// seven more repositories. Every check starts approved: the push is what expires the 300 (immediate expiry).
import type { Scenario, ScenarioBranch, ScenarioPullRequest } from '../../src/emulator/index.js';

export const SERVE_PROJECT = 'Bench';
export const SERVE_REPOSITORY = 'pushed';
export const SERVE_BRANCH = 'main';

export interface ServeScenarioSpec {
  readonly pullRequests: number;
  readonly intoPushedBranch: number;
  readonly otherRepositories: number;
}

export const SERVE_SPEC: ServeScenarioSpec = {
  pullRequests: 1000,
  intoPushedBranch: 300,
  otherRepositories: 7,
};

const BRANCHES: ScenarioBranch[] = [
  {
    name: SERVE_BRANCH,
    policies: [
      { type: 'build', displayName: 'PR build', expiration: 'immediately' },
      { type: 'minimumReviewers', minimumApproverCount: 1 },
    ],
  },
];

const pullRequest = (): ScenarioPullRequest => ({
  targetBranch: SERVE_BRANCH,
  reviewers: [{ name: 'Bench Reviewer', vote: 10 }],
  check: 'approved',
});

export function serveScenario(spec: ServeScenarioSpec = SERVE_SPEC): Scenario {
  if (spec.intoPushedBranch > spec.pullRequests || spec.otherRepositories < 1)
    throw new RangeError('the pushed branch cannot hold more PRs than the organization');
  const others = Array.from({ length: spec.otherRepositories }, (_, index) => ({
    name: `other-${index + 1}`,
    branches: BRANCHES,
    pullRequests: [] as ScenarioPullRequest[],
  }));
  for (let i = 0; i < spec.pullRequests - spec.intoPushedBranch; i++) {
    others[i % others.length]?.pullRequests.push(pullRequest());
  }
  const pushed = {
    name: SERVE_REPOSITORY,
    branches: BRANCHES,
    pullRequests: Array.from({ length: spec.intoPushedBranch }, pullRequest),
  };
  return { seed: 7, projects: [{ name: SERVE_PROJECT, repositories: [pushed, ...others] }] };
}
