// The CLI and the task against the emulator as Azure DevOps Server 2019, 2020 and 2022 at
// …/tfs/DefaultCollection/ with no version flag (issue 13): exactly the expected checks requeued, each once, exit
// 0, and only a few requests spent on api-version negotiation; credentials a Server cannot take refused before
// any request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/reporting/json-report.js';
import { makeJwt } from '../support/canary.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { runCli } from '../support/run-cli.js';
import {
  bundleTaskInto,
  completion,
  removeTemporaryDirectories,
  runBundledTask,
} from '../task/support/task-harness.js';
import { TASK_SCENARIO } from '../task/support/task-scenario.js';

const MODES = [
  ['2019', '5.0', 'Azure DevOps Server 2019'],
  ['2020', '6.0', 'Azure DevOps Server 2020'],
  ['2022', '7.0', 'Azure DevOps Server 2022'],
] as const;

let emulator: RunningEmulator;
let taskDirectory: string;

beforeAll(async () => {
  [taskDirectory, emulator] = await Promise.all([
    bundleTaskInto('azdo-requeue-server-task-'),
    startEmulator({ scenario: TASK_SCENARIO, serverVersion: '2019' }),
  ]);
});
afterAll(async () => {
  await removeTemporaryDirectories();
  await emulator.close();
});
beforeEach(() => emulator.control.reset());

/** Makes the emulator this release, and returns what happened on the wire from here on. */
function becomeServer(mode: (typeof MODES)[number][0]) {
  emulator.control.setServerVersion(mode);
  const since = emulator.control.requestLog().at(-1)?.seq ?? 0;
  return () => emulator.control.requestLog(since);
}

const requeued = (): string[] => emulator.control.requeues().map((record) => record.evaluationId);

describe.each(MODES)('Azure DevOps Server %s (REST %s)', (mode, ceiling, product) => {
  it('requeues exactly the expected checks, each once, with one refusal and one OPTIONS per area used', async () => {
    const log = becomeServer(mode);
    const expected = expectedRequeues(emulator.control.state());
    expect(expected.size).toBeGreaterThan(0);
    expect(emulator.orgUrl).toMatch(/\/tfs\/DefaultCollection$/);

    const run = await runCli(['--org', emulator.collectionUrl, '--project', 'Contoso', '--output', 'json'], {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    });

    expect(run.code, run.stderr).toBe(0);
    expect(new Set(requeued())).toEqual(expected);
    expect(requeued()).toHaveLength(expected.size);
    expect((JSON.parse(run.stdout) as JsonReport).summary.requeued).toBe(expected.size);
    const requests = log();
    const refused = requests.filter((entry) => entry.status === 400);
    const options = requests.filter((entry) => entry.method === 'OPTIONS').map((entry) => entry.path);
    expect(refused).toHaveLength(1);
    // build: the cross-run guard lists pull-request builds before the requeues (decision 0014).
    expect(options.sort()).toEqual(
      ['build', 'core', 'git', 'policy'].map((area) => `/tfs/DefaultCollection/_apis/${area}`),
    );
    const patches = requests.filter((entry) => entry.method === 'PATCH');
    expect(patches.map((entry) => entry.apiVersion)).toEqual(patches.map(() => `${ceiling}-preview.1`));
  });

  it('dry run: plans the same checks, requeues nothing, exit 0', async () => {
    becomeServer(mode);
    const expected = expectedRequeues(emulator.control.state());

    const run = await runCli(
      ['--org', emulator.collectionUrl, '--project', 'Contoso', '--dry-run', '--output', 'json'],
      { env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken } },
    );

    expect(run.code, run.stderr).toBe(0);
    expect(requeued()).toEqual([]);
    expect((JSON.parse(run.stdout) as JsonReport).summary.wouldRequeue).toBe(expected.size);
  });

  it('doctor names the release and its REST version, and passes (exit 0)', async () => {
    const log = becomeServer(mode);

    const run = await runCli(['doctor', '--org', emulator.collectionUrl, '--project', 'Contoso'], {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`${product}, REST API ${ceiling}`);
    const options = log()
      .filter((entry) => entry.method === 'OPTIONS')
      .map((entry) => entry.path);
    expect(new Set(options).size).toBe(options.length);
  });

  it('the task requeues the expected checks, each once, and succeeds', async () => {
    becomeServer(mode);
    const expected = expectedRequeues(emulator.control.state());

    const run = await runBundledTask(taskDirectory, emulator);

    expect(run.exitCode).toBe(0);
    expect(completion(run)?.result).toBe('Succeeded');
    expect(new Set(requeued())).toEqual(expected);
    expect(requeued()).toHaveLength(expected.size);
  });
});

describe('credentials a Server cannot take', () => {
  it.each([
    ['requeue', []],
    ['doctor', ['doctor']],
  ])(
    '%s: --auth entra exits 2 before any request, naming the credentials a Server takes',
    async (_, command) => {
      // tfs.example.test never resolves: reaching the network would fail differently (and later).
      const run = await runCli(
        [
          ...command,
          '--org',
          'https://tfs.example.test/tfs/DefaultCollection/',
          '--project',
          'P',
          '--auth',
          'entra',
        ],
        { env: { SYSTEM_ACCESSTOKEN: makeJwt(), AZURE_FEDERATED_TOKEN_FILE: '/nonexistent' } },
      );

      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /--auth entra: https:\/\/tfs\.example\.test\/tfs\/DefaultCollection is an Azure DevOps Server/,
      );
      expect(run.stderr).toMatch(/job token \(SYSTEM_ACCESSTOKEN\) or a personal access token/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it.each([
    ['requeue', []],
    ['doctor', ['doctor']],
  ])('%s: refuses an --api-version older than any supported Server', async (_, command) => {
    const run = await runCli([
      ...command,
      '--org',
      'https://tfs.example.test/tfs/DefaultCollection',
      '--project',
      'P',
      '--api-version',
      '4.1',
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--api-version must be auto or a REST version from 5.0/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a pinned REST version (Server 2019, REST 5.0)', () => {
  /** Every call went as 5.0 (preview-only resources as 5.0-preview.N), and none was refused. */
  function expectPinnedTo50(requests: ReturnType<ReturnType<typeof becomeServer>>): void {
    const calls = requests.filter((entry) => entry.method !== 'OPTIONS');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((entry) => entry.status === 400)).toEqual([]);
    expect(calls.filter((entry) => !/^5\.0(-preview\.\d+)?$/.test(entry.apiVersion ?? ''))).toEqual([]);
  }

  it('doctor --api-version 5.0 sends every call as 5.0, none refused, and passes', async () => {
    const log = becomeServer('2019');

    const run = await runCli(
      ['doctor', '--org', emulator.collectionUrl, '--project', 'Contoso', '--api-version', '5.0'],
      { env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken } },
    );

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Azure DevOps Server 2019, REST API 5.0');
    expectPinnedTo50(log());
  });

  it('the task with apiVersion 5.0 sends every call as 5.0 and requeues the expected checks', async () => {
    const log = becomeServer('2019');
    const expected = expectedRequeues(emulator.control.state());

    const run = await runBundledTask(taskDirectory, emulator, { inputs: { apiVersion: '5.0' } });

    expect(run.exitCode).toBe(0);
    expect(completion(run)?.result).toBe('Succeeded');
    expect(new Set(requeued())).toEqual(expected);
    expectPinnedTo50(log());
  });

  it("the task fails with the CLI's message for an apiVersion no Server speaks, before any request", async () => {
    const log = becomeServer('2019');

    const run = await runBundledTask(taskDirectory, emulator, { inputs: { apiVersion: '4.1' } });

    expect(completion(run)).toEqual({
      result: 'Failed',
      message: expect.stringMatching(
        /^invalid input: apiVersion must be auto or a REST version from 5\.0/,
      ) as string,
    });
    expect(log()).toEqual([]);
  });
});
