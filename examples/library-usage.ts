// The README's library example, type-checked by `npm test` (test/readme-example.test.ts keeps them identical).
import {
  connectAzureDevOps,
  parseOrganizationUrl,
  resolveCredential,
  runRequeue,
  systemClock,
} from 'azdo-requeue';

const organization = parseOrganizationUrl('https://dev.azure.com/fabrikam');
const { credential } = await resolveCredential('auto', { jobToken: process.env.SYSTEM_ACCESSTOKEN });
const { api } = connectAzureDevOps({
  organization,
  authorize: () => credential.authorize(),
  clock: systemClock,
  userAgent: 'my-tool/1.0',
});
const result = await runRequeue(
  {
    organization: organization.url,
    scope: { projects: ['Fabrikam'], allProjects: false, repositories: [] },
    targetBranches: ['refs/heads/main'],
    rules: { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false },
    dryRun: true,
  },
  api,
);
console.log(result.summary);
