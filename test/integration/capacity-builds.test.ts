// The adapter's builds-in-flight list against the emulator's living builds: queued and running builds of the asked
// definitions, paged, and nothing else; a requeue adds one and completing it removes it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { connectAzureDevOps } from '../../src/azure-devops/connect-azure-devops.js';
import { parseOrganizationUrl } from '../../src/azure-devops/organization-url.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import type { ChecksApi } from '../../src/requeue/checks-api.js';
import type { ProjectRef, PullRequest } from '../../src/requeue/model.js';
import { systemClock } from '../../src/util/clock.js';

const SCENARIO: Scenario = {
  projects: [
    {
      name: 'Capacity',
      repositories: [
        {
          name: 'app',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'PR build', buildDefinitionId: 12 },
                { type: 'build', displayName: 'Lint', buildDefinitionId: 13 },
              ],
            },
          ],
          pullRequests: [
            { targetBranch: 'main', checks: { 'PR build': 'running', Lint: 'queued' } },
            { targetBranch: 'main', checks: { 'PR build': 'queued', Lint: 'approved' } },
            { targetBranch: 'main', check: 'approved' },
          ],
        },
      ],
    },
  ],
};

let emulator: RunningEmulator;
let api: ChecksApi;
let project: ProjectRef;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: SCENARIO });
  api = connectAzureDevOps({
    organization: parseOrganizationUrl(emulator.orgUrl),
    authorize: () => Promise.resolve(`Bearer ${emulator.tokens.jobToken}`),
    clock: systemClock,
    userAgent: 'azdo-requeue-test',
  }).api;
});

afterAll(() => emulator.close());

beforeEach(async () => {
  emulator.control.reset();
  const scope = await api.resolveScope({ projects: ['Capacity'], allProjects: false, repositories: [] });
  const first = scope.projects[0];
  if (first === undefined) throw new Error('no project');
  project = first;
});

function activeInEmulator(definitions: number[]): number[] {
  return emulator.control
    .builds()
    .filter((b) => definitions.includes(b.definitionId) && b.status !== 'completed')
    .map((b) => b.id)
    .sort((a, b) => a - b);
}

describe('listActiveBuilds against the emulator', () => {
  it('lists exactly the queued and running builds of the asked definitions, in one call', async () => {
    const since = emulator.control.requestLog().at(-1)?.seq ?? 0;

    const builds = await api.listActiveBuilds?.(project, [12, 13]);
    const onlyTwelve = await api.listActiveBuilds?.(project, [12]);

    expect(builds?.map((b) => b.id).sort((a, b) => a - b)).toEqual(activeInEmulator([12, 13]));
    expect(builds).toHaveLength(3);
    expect(new Set(builds?.map((b) => b.status))).toEqual(new Set(['inProgress', 'notStarted']));
    expect(onlyTwelve?.every((b) => b.definitionId === 12)).toBe(true);
    const calls = emulator.control.requestLog(since).filter((e) => /\/_apis\/build\/builds$/i.test(e.path));
    expect(calls).toHaveLength(2);
    expect(new URLSearchParams(calls[0]?.query).get('statusFilter')).toBe('inProgress,notStarted');
  });

  it('sees the build a requeue starts, and stops seeing it once it completes', async () => {
    const pullRequests: PullRequest[] = [];
    for await (const page of api.listPullRequests({ project })) pullRequests.push(...page);
    const approved = pullRequests.find((pr) => pr.id === Math.max(...pullRequests.map((p) => p.id)));
    if (approved === undefined) throw new Error('no pull request');
    const check = (await api.listChecks(approved)).find((c) => c.buildDefinitionId === 12);
    if (check === undefined) throw new Error('no build check');

    const outcome = await api.requeueCheck(approved, check);
    const during = await api.listActiveBuilds?.(project, [12]);
    emulator.control.completeBuilds({ all: true });
    const after = await api.listActiveBuilds?.(project, [12]);

    expect(during?.map((b) => b.id)).toContain(outcome.newBuildId);
    expect(after).toEqual([]);
  });
});
