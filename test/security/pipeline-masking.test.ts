// In Azure Pipelines (TF_BUILD=True) every form of every secret the agent does not know is registered with
// `##vso[task.setsecret]` on stderr before the first request and before any other line there (checklist B1), the
// registered set covers every encoding the agent would not mask by itself (B2), nothing shorter than 8 characters
// is registered (B3), and the job token, a secret variable the agent masks already, is not written at all. The
// report on stdout is one JSON document with no secret form, and a stderr redirected to a file gets none either
// (decision 0011).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { assertNoLeak, encodedForms, makeCanaries, makeNewPat } from '../support/canary.js';
import { installFakeAz, type FakeAz } from '../support/fake-az/install-fake-az.js';
import { runWatchedCli } from './support/run-watched-cli.js';

const canaries = makeCanaries();
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo', tokens: { jobToken: canaries.jwt, pat: canaries.pat } });
});

afterAll(() => emulator.close());

const SETSECRET = '##vso[task.setsecret]';

/** Runs in "pipeline" mode with --debug; stderr (a pipe, as under the agent) carries the commands and the trace. */
async function runInPipeline(env: Record<string, string>, extraArgs: string[] = []) {
  const run = await runWatchedCli(
    ['--org', emulator.orgUrl, '--project', 'Contoso Web', '--dry-run', '--debug', ...extraArgs],
    { env: { TF_BUILD: 'True', ...env } },
  );
  expect(run.stdout).not.toContain('##vso[');
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  const registered = lines
    .filter((line) => line.startsWith(SETSECRET))
    .map((line) => line.slice(SETSECRET.length));
  return { run, lines, registered };
}

function expectRegisteredFirst(lines: readonly string[]): void {
  const firstOther = lines.findIndex((line) => !line.startsWith(SETSECRET));
  const lastSetSecret = lines.findLastIndex((line) => line.startsWith(SETSECRET));
  const firstRequest = lines.findIndex((line) => line.includes('debug: --> '));

  expect(lastSetSecret).toBeGreaterThanOrEqual(0);
  expect(lastSetSecret).toBeLessThan(firstOther);
  expect(lastSetSecret).toBeLessThan(firstRequest);
}

/** Each encoding of `token` contains a registered value, so the agent masks it (checklist B2). */
function expectCovered(token: string, registered: readonly string[]): void {
  for (const form of encodedForms(token)) {
    expect(
      registered.some((value) => form.value.includes(value)),
      `${form.name} is covered`,
    ).toBe(true);
  }
}

describe('secrets in Azure Pipelines', () => {
  it('writes no form of the job token: the agent masks System.AccessToken, a secret variable, already', async () => {
    const { run, registered } = await runInPipeline({ SYSTEM_ACCESSTOKEN: canaries.jwt });

    expect(run.code, run.stderr).toBe(0);
    expect(registered).toEqual([]);
    assertNoLeak({ stdout: run.stdout, stderr: run.stderr }, canaries.jwt);
  });

  it('registers every derived form of a PAT, including base64(":"+PAT) and base64("PAT:"+PAT)', async () => {
    const { run, lines, registered } = await runInPipeline({ AZURE_DEVOPS_EXT_PAT: canaries.pat });

    expect(run.code, run.stderr).toBe(0);
    expectRegisteredFirst(lines);
    expect(registered).toContain(Buffer.from(`:${canaries.pat}`).toString('base64'));
    expect(registered).toContain(Buffer.from(`PAT:${canaries.pat}`).toString('base64'));
    expectCovered(canaries.pat, registered);
  });

  it('registers an Entra token on receipt, before the request that uses it', async () => {
    const fakeAz: FakeAz = await installFakeAz({ accessToken: canaries.jwt });
    try {
      const { run, lines, registered } = await runInPipeline({ PATH: fakeAz.pathWith(process.env['PATH']) }, [
        '--auth',
        'entra',
      ]);

      expect(run.code, run.stderr).toBe(0);
      expectRegisteredFirst(lines);
      expectCovered(canaries.jwt, registered);
    } finally {
      await fakeAz.remove();
    }
  });

  it('registers nothing shorter than 8 characters, and no empty value (checklist B3)', async () => {
    const { registered } = await runInPipeline({ AZURE_DEVOPS_EXT_PAT: canaries.pat });

    expect(registered.length).toBeGreaterThan(0);
    expect(registered.filter((value) => value.length < 8)).toEqual([]);
  });

  it('the leak scan would see a secret: the setsecret lines themselves carry it (negative control)', async () => {
    const other = makeNewPat();
    const { run } = await runInPipeline({ AZURE_DEVOPS_EXT_PAT: other }, ['--auth', 'pat']);

    expect(run.stderr).toContain(`${SETSECRET}${other}`);
  });
});

describe('the report stream in a pipeline (decision 0011)', () => {
  const project = () => ['--org', emulator.orgUrl, '--project', 'Contoso Web'];

  it.each([
    ['a run', () => [...project(), '--dry-run'], { SYSTEM_ACCESSTOKEN: canaries.jwt }, undefined],
    ['doctor', () => ['doctor', ...project()], { SYSTEM_ACCESSTOKEN: canaries.jwt }, undefined],
    ['a PAT from --pat-stdin', () => [...project(), '--dry-run', '--pat-stdin'], {}, `${canaries.pat}\n`],
  ])(
    '%s: --output json stdout is one JSON document holding no secret form',
    async (_name, args, env, stdin) => {
      const run = await runWatchedCli([...args(), '--output', 'json'], {
        env: { TF_BUILD: 'True', ...env },
        ...(stdin === undefined ? {} : { stdin }),
      });

      expect(run.code, run.stderr).toBe(0);
      expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
      assertNoLeak({ stdout: run.stdout }, canaries.all);
      // The run's progress (and a PAT's setsecret lines) go to stderr; doctor has no command to send.
      if (args()[0] !== 'doctor') expect(run.stderr).toContain('##vso[task.');
    },
  );

  it('writes no setsecret line, and so no secret, into a file stderr is redirected to', async () => {
    const run = await runWatchedCli([...project(), '--dry-run', '--pat-stdin'], {
      env: { TF_BUILD: 'True' },
      stdin: `${canaries.pat}\n`,
      combinedOutput: true,
    });

    expect(run.code, run.combined).toBe(0);
    expect(run.combined).toContain('##vso[task.setprogress');
    expect(run.combined).not.toContain(SETSECRET);
    assertNoLeak({ combined: run.combined }, canaries.all);
  });
});
