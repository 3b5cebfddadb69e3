// The adapter against the emulator: paging past the silent 101 default, artifact ids, parsing and error mapping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectAzureDevOps } from '../../src/azure-devops/connect-azure-devops.js';
import { parseOrganizationUrl } from '../../src/azure-devops/organization-url.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { ChecksApi } from '../../src/requeue/checks-api.js';
import type { PullRequest } from '../../src/requeue/model.js';
import { systemClock } from '../../src/util/clock.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      generate: { pullRequests: 250, projects: 1, repositories: 2, expiredFraction: 0.5, seed: 3 },
    },
  });
});

afterAll(() => emulator.close());

function connect(token: string, pageSize?: number): ChecksApi {
  return connectAzureDevOps({
    organization: parseOrganizationUrl(emulator.orgUrl),
    authorize: () => Promise.resolve(`Bearer ${token}`),
    clock: systemClock,
    userAgent: 'azdo-requeue-test',
    ...(pageSize === undefined ? {} : { pageSize }),
  }).api;
}

async function listAll(api: ChecksApi): Promise<PullRequest[]> {
  const project = (
    await api.resolveScope({
      projects: [emulator.projects[0]?.name ?? ''],
      allProjects: false,
      repositories: [],
    })
  ).projects[0];
  if (!project) throw new Error('no project');
  const all: PullRequest[] = [];
  for await (const page of api.listPullRequests({ project })) all.push(...page);
  return all;
}

describe('the Azure DevOps adapter against the emulator', () => {
  it('pages with $top/$skip until a short page and sees every active pull request', async () => {
    emulator.control.reset();

    const pullRequests = await listAll(connect(emulator.tokens.jobToken, 100));

    expect(pullRequests).toHaveLength(250);
    expect(new Set(pullRequests.map((pr) => pr.id)).size).toBe(250);
    const skips = emulator.control
      .requestLog()
      .filter((entry) => /pullrequests$/i.test(entry.path))
      .map((entry) => new URLSearchParams(entry.query).get('$skip'));
    expect(skips).toEqual(['0', '100', '200']);
  });

  it('parses the policy evaluations of a pull request into checks', async () => {
    const api = connect(emulator.tokens.jobToken);
    const [pullRequest] = await listAll(api);
    if (!pullRequest) throw new Error('no pull request');

    const checks = await api.listChecks(pullRequest);

    const build = checks.find((check) => check.isBuildPolicy);
    expect(build).toMatchObject({ policyName: 'PR build', isBlocking: true, isEnabled: true });
    expect(checks.some((check) => check.policyName === 'Minimum number of reviewers')).toBe(true);
  });

  it('requeues once and returns the new build, which the emulator records', async () => {
    emulator.control.reset();
    const api = connect(emulator.tokens.jobToken);
    const pullRequests = await listAll(api);
    const withExpired = await Promise.all(
      pullRequests.map(async (pr) => ({ pr, checks: await api.listChecks(pr) })),
    );
    const target = withExpired.find(({ checks }) => checks.some((check) => check.isExpired));
    const check = target?.checks.find((c) => c.isExpired);
    if (!target || !check) throw new Error('no expired check in the scenario');

    const outcome = await api.requeueCheck(target.pr, check);

    expect(outcome.confirmedBy).toBe('response');
    expect(outcome.newBuildId).toBeGreaterThan(check.buildId ?? 0);
    expect(emulator.control.requeues().map((r) => [r.evaluationId, r.newBuildId])).toEqual([
      [check.evaluationId, outcome.newBuildId],
    ]);
  });

  it('maps a rejected token to an authentication failure', async () => {
    await expect(listAll(connect('not-the-token'))).rejects.toMatchObject({ kind: 'auth', code: 'HTTP 401' });
  });

  it('maps an unknown project to a configuration error with its TF code', async () => {
    const api = connect(emulator.tokens.jobToken);

    await expect(
      api.resolveScope({ projects: ['Nope'], allProjects: false, repositories: [] }),
    ).rejects.toMatchObject({
      kind: 'config',
      code: 'TF200016',
    });
  });
});

describe('re-reading before a requeue', () => {
  it('sends only the PATCH for a check read moments ago (no extra GETs in a normal run)', async () => {
    emulator.control.reset();
    const api = connect(emulator.tokens.jobToken);
    const [pullRequest] = await listAll(api);
    if (!pullRequest) throw new Error('no pull request');
    const checks = await api.listChecks(pullRequest);
    const check = checks.find((c) => c.isBuildPolicy);
    if (!check) throw new Error('no build check');
    const before = emulator.control.requestLog().length;

    await api.requeueCheck(pullRequest, check).catch(() => undefined);

    expect(
      emulator.control
        .requestLog()
        .slice(before)
        .map((entry) => entry.method),
    ).toEqual(['PATCH']);
  });
});
