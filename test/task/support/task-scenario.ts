// The organization the task tests run against: two repositories, expired checks on main and develop, a draft, a
// conflict, a fresh check, and a PR title that tries to inject a logging command (checklist B9).
import type { Scenario } from '../../../src/emulator/index.js';

const build = (displayName: string) => ({
  type: 'build' as const,
  displayName,
  expiration: 'immediately' as const,
});

/** Pull request ids by what the scenario made of them; the expected requeues follow from these. */
export const PR = {
  expiredOnMain: 1,
  injectionOnMain: 2,
  draftOnMain: 3,
  conflictsOnMain: 4,
  freshOnMain: 5,
  expiredOnDevelop: 6,
  expiredApi: 7,
} as const;

export const INJECTED_TITLE = 'Fix ##vso[task.setvariable variable=pwned]yes';

export const TASK_SCENARIO: Scenario = {
  organization: 'fabrikam',
  seed: 6,
  // The project-scoped build identity, as with "Limit job authorization scope to current project".
  identity: { jobTokenScope: 'project', jobProject: 'Contoso' },
  builds: { queueMs: null, runMs: null },
  projects: [
    {
      name: 'Contoso',
      repositories: [
        {
          name: 'web',
          branches: [
            { name: 'main', policies: [build('web CI')] },
            { name: 'develop', policies: [build('web CI')] },
          ],
          pullRequests: [
            { id: PR.expiredOnMain, title: 'Expired on main', targetBranch: 'main', check: 'expired' },
            { id: PR.injectionOnMain, title: INJECTED_TITLE, targetBranch: 'main', check: 'expired' },
            { id: PR.draftOnMain, title: 'Draft', targetBranch: 'main', check: 'expired', isDraft: true },
            {
              id: PR.conflictsOnMain,
              title: 'Conflicts',
              targetBranch: 'main',
              check: 'expired',
              conflicts: true,
            },
            { id: PR.freshOnMain, title: 'Fresh', targetBranch: 'main', check: 'approved' },
            {
              id: PR.expiredOnDevelop,
              title: 'Expired on develop',
              targetBranch: 'develop',
              check: 'expired',
            },
          ],
        },
        {
          name: 'api',
          branches: [{ name: 'main', policies: [build('api CI')] }],
          pullRequests: [{ id: PR.expiredApi, title: 'Expired api', targetBranch: 'main', check: 'expired' }],
        },
      ],
    },
  ],
};
