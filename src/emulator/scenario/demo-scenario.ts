// The built-in `demo` scenario: two projects, five repositories, ~30 active PRs with a realistic mix of checks.
import type { Scenario, ScenarioPullRequest, ScenarioReviewer } from './scenario-types.js';

const APPROVED: ScenarioReviewer[] = [{ name: 'Mei Chen', vote: 10 }];
const TWO_APPROVALS: ScenarioReviewer[] = [
  { name: 'Mei Chen', vote: 10 },
  { name: 'Tom Becker', vote: 5 },
];

/** `count` active PRs into `target`, titled after `topic`, with the given extras on some of them. */
function pullRequests(
  target: string,
  topics: string[],
  extras: Record<number, Partial<ScenarioPullRequest>> = {},
): ScenarioPullRequest[] {
  return topics.map((topic, index) => ({
    title: topic,
    sourceBranch: `feature/${topic.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    targetBranch: target,
    reviewers: APPROVED,
    ...extras[index],
  }));
}

/**
 * The demo story (docs/emulator.md): every check starts approved except a few; `push` to `main` then expires the
 * checks of "expire immediately" policies, and the CLI re-queues them. Covered on purpose: drafts, a conflict,
 * auto-complete, a manual-only policy, an optional (non-blocking) build, a running build, a rejected review, a
 * 12-hour expiration, a never-expiring policy and one check that is already expired.
 */
export const DEMO_SCENARIO: Scenario = {
  organization: 'fabrikam',
  seed: 2024,
  identity: { jobTokenScope: 'collection' },
  builds: { queueMs: 5_000, runMs: 60_000, failFraction: 0 },
  projects: [
    {
      name: 'Contoso Web',
      repositories: [
        {
          name: 'web-app',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'web-app CI', expiration: 'immediately' },
                {
                  type: 'build',
                  displayName: 'Integration tests',
                  expiration: 'immediately',
                  isBlocking: false,
                },
                { type: 'minimumReviewers', minimumApproverCount: 1 },
              ],
            },
            {
              name: 'develop',
              policies: [{ type: 'build', displayName: 'web-app CI', expiration: { hours: 12 } }],
            },
          ],
          pullRequests: [
            ...pullRequests(
              'main',
              ['Add dark mode', 'Fix login redirect', 'Upgrade bundler', 'Cache avatars', 'Refactor router'],
              {
                1: { isDraft: true },
                2: { conflicts: true },
                3: { autoComplete: true },
                4: { reviewers: [{ name: 'Mei Chen', vote: -10 }] },
              },
            ),
            ...pullRequests('main', ['Lazy-load charts', 'Trim polyfills'], { 0: { check: 'running' } }),
            ...pullRequests('develop', ['Experimental search', 'New onboarding', 'Profile page'], {
              0: { check: 'expired' },
            }),
            { title: 'Old spike', targetBranch: 'main', status: 'abandoned' },
            { title: 'Shipped footer', targetBranch: 'main', status: 'completed' },
          ],
        },
        {
          name: 'api',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'api CI', expiration: 'immediately' },
                { type: 'workItemLinking', isBlocking: true },
                { type: 'commentRequirements' },
              ],
            },
            {
              name: 'develop',
              policies: [{ type: 'build', displayName: 'api nightly', manualQueueOnly: true }],
            },
          ],
          pullRequests: [
            ...pullRequests(
              'main',
              ['Paginate orders', 'Rate-limit login', 'Add health probe', 'Drop v1 routes'],
              {
                1: { otherPolicies: 'rejected' },
              },
            ),
            ...pullRequests('main', ['Bump SDK', 'OpenAPI docs']),
            ...pullRequests('develop', ['Batch import', 'Queue retries'], { 1: { check: 'notRun' } }),
          ],
        },
        {
          name: 'docs',
          branches: [
            { name: 'main', policies: [{ type: 'build', displayName: 'docs build', expiration: 'never' }] },
          ],
          pullRequests: pullRequests('main', ['Quick start', 'Glossary', 'Release notes']),
        },
      ],
    },
    {
      name: 'Platform',
      policies: [{ type: 'commentRequirements', branch: 'main' }],
      repositories: [
        {
          name: 'infra',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'infra validate', expiration: 'immediately' },
                { type: 'minimumReviewers', minimumApproverCount: 2 },
              ],
            },
          ],
          pullRequests: pullRequests(
            'main',
            ['Terraform 1.9', 'Rotate certs', 'Tag resources', 'Spot nodes'],
            {
              0: { reviewers: TWO_APPROVALS },
              1: { reviewers: TWO_APPROVALS, isDraft: true },
              2: { reviewers: TWO_APPROVALS },
            },
          ),
        },
        {
          name: 'tools',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'tools CI', expiration: 'immediately' },
                { type: 'status', isBlocking: false },
              ],
            },
          ],
          pullRequests: pullRequests(
            'main',
            ['Lint rules', 'Release script', 'Dev container', 'Format check'],
            {
              2: { check: 'running' },
            },
          ),
        },
      ],
    },
  ],
};
