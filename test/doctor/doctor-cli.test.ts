// `azdo-requeue doctor` as a user runs it: the built CLI against the emulator, for each identity and failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type RunningEmulator,
  type Scenario,
} from '../../src/emulator/index.js';
import { assertNoLeak } from '../support/canary.js';
import { runCli } from '../support/run-cli.js';

const projectScopedDenied: Scenario = {
  ...DEMO_SCENARIO,
  identity: {
    jobTokenScope: 'project',
    jobProject: 'Contoso Web',
    denied: [
      { token: 'job', permission: 'PullRequestContribute', repositories: ['api'] },
      { token: 'job', permission: 'QueueBuilds' },
    ],
  },
};

let demo: RunningEmulator;
let denied: RunningEmulator;

beforeAll(async () => {
  [demo, denied] = await Promise.all([
    startEmulator({ scenario: 'demo' }),
    startEmulator({ scenario: projectScopedDenied }),
  ]);
});

afterAll(async () => {
  await Promise.all([demo.close(), denied.close()]);
});

const doctor = (emulator: RunningEmulator, args: string[], env: Record<string, string> = {}) =>
  runCli(['doctor', '--org', emulator.orgUrl, '--project', 'Contoso Web', ...args], {
    env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken, ...env },
  });

describe('azdo-requeue doctor', () => {
  it('names the collection-scoped build service, passes every check (exit 0) and never re-queues', async () => {
    const before = demo.control.requestLog().length;

    const run = await doctor(demo, []);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Project Collection Build Service (fabrikam)');
    expect(run.stdout).toContain('can reach every project of the organization');
    expect(run.stdout).toMatch(/PASS\s+Contribute to pull requests\n\s+allowed on web-app/);
    expect(run.stdout).toContain('Result: every required check passed (exit 0)');
    const requests = demo.control.requestLog(before);
    // Reads only: GETs and the one permission evaluation POST; no PATCH, nothing re-queued.
    expect(requests.filter((entry) => entry.method === 'POST').map((entry) => entry.path)).toEqual([
      '/fabrikam/_apis/security/permissionevaluationbatch',
    ]);
    // …and one OPTIONS for the server's REST version (issue 13).
    expect(requests.filter((entry) => entry.method === 'OPTIONS').map((entry) => entry.path)).toEqual([
      '/fabrikam/_apis/core',
    ]);
    expect(run.stdout).toMatch(/PASS\s+Server and REST API version\n\s+Azure DevOps Services, REST API 7\.2/);
    expect(requests.every((entry) => ['GET', 'POST', 'OPTIONS'].includes(entry.method))).toBe(true);
    expect(requests.some((entry) => entry.method === 'PATCH')).toBe(false);
    expect(demo.control.requeues()).toEqual([]);
    assertNoLeak({ stdout: run.stdout, stderr: run.stderr }, demo.tokens.jobToken);
  });

  it('names the project build service, the missing permissions, their TF codes and exact fixes (exit 3)', async () => {
    const run = await doctor(denied, ['--output', 'json']);
    const report = JSON.parse(run.stdout) as {
      exitCode: number;
      identity: { kind: string; displayName: string };
      checks: { id: string; status: string; code?: string; fix?: string }[];
    };
    const byId = Object.fromEntries(report.checks.map((check) => [check.id, check]));

    expect(run.code).toBe(3);
    expect(report.exitCode).toBe(3);
    expect(report.identity).toMatchObject({
      kind: 'project-build-service',
      displayName: 'Contoso Web Build Service (fabrikam)',
    });
    expect(byId['permission-contribute']).toMatchObject({ status: 'fail', code: 'TF401027' });
    expect(byId['permission-contribute']?.fix).toContain(
      'Project settings > Repositories > api > Security: select "Contoso Web Build Service (fabrikam)"',
    );
    expect(byId['permission-queue-builds']).toMatchObject({ status: 'fail', code: 'TF215106' });
    expect(byId['permission-queue-builds']?.fix).toMatch(
      /_build\?definitionId=\d+ .*"Queue builds" to Allow/,
    );
    expect(denied.control.requestLog().some((entry) => entry.method === 'PATCH')).toBe(false);
  });

  it('exits 3 with the mapping fix for a rejected token (401, Suppress sent so never a 203)', async () => {
    const run = await doctor(demo, [], { SYSTEM_ACCESSTOKEN: `x${demo.tokens.jobToken.slice(1)}` });

    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/FAIL\s+Identity \[HTTP 401\]/);
    expect(run.stdout).toContain('SYSTEM_ACCESSTOKEN: $(System.AccessToken)');
  });

  it('exits 2 for an unknown project, with TF200016', async () => {
    const run = await runCli(['doctor', '--org', demo.orgUrl, '--project', 'Nope'], {
      env: { SYSTEM_ACCESSTOKEN: demo.tokens.jobToken },
    });

    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/FAIL\s+Project readable \[TF200016\]/);
  });

  it('exits 2 without an organization, and 3 without any credential (with the fix)', async () => {
    const noOrg = await runCli(['doctor', '--project', 'P'], {
      env: { SYSTEM_ACCESSTOKEN: demo.tokens.jobToken },
    });
    const noToken = await runCli(['doctor', '--org', demo.orgUrl, '--project', 'P']);

    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('no organization');
    expect(noToken.code).toBe(3);
    expect(noToken.stdout).toMatch(/FAIL\s+Credential\n\s+no credential found/);
    expect(noToken.stdout).toContain('Allow scripts to access the OAuth token');
  });

  it('says "not verified" when the server cannot evaluate permissions, and still exits 0', async () => {
    demo.control.setFaults({
      requests: [{ kind: 'status', status: 404, path: 'permissionevaluationbatch' }],
    });
    try {
      const run = await doctor(demo, []);

      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(
        /NOT VERIFIED\s+Contribute to pull requests\n\s+not verified: the server could not/,
      );
    } finally {
      demo.control.setFaults({});
    }
  });

  it('explains a PAT: a user identity and one warning', async () => {
    const run = await runCli(['doctor', '--org', demo.orgUrl, '--project', 'Contoso Web'], {
      env: { AZURE_DEVOPS_EXT_PAT: demo.tokens.pat },
    });

    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/WARN\s+Credential\n\s+pat from AZURE_DEVOPS_EXT_PAT, sent as Basic/);
    expect(run.stdout.match(/warning: using a personal access token/g)).toHaveLength(1);
    assertNoLeak({ stdout: run.stdout, stderr: run.stderr }, demo.tokens.pat);
  });

  it('prints its help', async () => {
    const run = await runCli(['doctor', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('never re-queues anything');
  });
});
