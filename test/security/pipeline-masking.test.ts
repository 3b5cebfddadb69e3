// In Azure Pipelines (TF_BUILD=True) every form of every secret is registered with `##vso[task.setsecret]`
// before the first request and before any other output (checklist B1), the registered set covers every encoding
// the agent would not mask by itself (B2), and nothing shorter than 8 characters is registered (B3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { encodedForms, makeCanaries, makeJwt } from '../support/canary.js';
import { installFakeAz, type FakeAz } from '../support/fake-az/install-fake-az.js';
import { runWatchedCli } from './support/run-watched-cli.js';

const canaries = makeCanaries();
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo', tokens: { jobToken: canaries.jwt, pat: canaries.pat } });
});

afterAll(() => emulator.close());

const SETSECRET = '##vso[task.setsecret]';

/** Runs in "pipeline" mode with --debug, stdout and stderr in one file, in write order. */
async function runInPipeline(env: Record<string, string>, extraArgs: string[] = []) {
  const run = await runWatchedCli(
    ['--org', emulator.orgUrl, '--project', 'Contoso Web', '--dry-run', '--debug', ...extraArgs],
    { env: { TF_BUILD: 'True', ...env }, combinedOutput: true },
  );
  const lines = run.combined.split('\n').filter((line) => line !== '');
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
  it('registers the job token before the first request and before any other line', async () => {
    const { run, lines, registered } = await runInPipeline({ SYSTEM_ACCESSTOKEN: canaries.jwt });

    expect(run.code, run.combined).toBe(0);
    expectRegisteredFirst(lines);
    expectCovered(canaries.jwt, registered);
    expect(registered.every((value) => value.length >= 8)).toBe(true);
  });

  it('registers every derived form of a PAT, including base64(":"+PAT) and base64("PAT:"+PAT)', async () => {
    const { run, lines, registered } = await runInPipeline({ AZURE_DEVOPS_EXT_PAT: canaries.pat });

    expect(run.code, run.combined).toBe(0);
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

      expect(run.code, run.combined).toBe(0);
      expectRegisteredFirst(lines);
      expectCovered(canaries.jwt, registered);
    } finally {
      await fakeAz.remove();
    }
  });

  it('registers nothing shorter than 8 characters, and no empty value (checklist B3)', async () => {
    const { registered } = await runInPipeline({
      SYSTEM_ACCESSTOKEN: canaries.jwt,
      AZURE_DEVOPS_EXT_PAT: 'short',
    });

    expect(registered.filter((value) => value.length < 8)).toEqual([]);
    expect(registered).not.toContain('short');
    expect(registered.length).toBeGreaterThan(0);
  });

  it('the leak scan would see a secret: the setsecret lines themselves carry it (negative control)', async () => {
    const other = makeJwt();
    const { run } = await runInPipeline({ SYSTEM_ACCESSTOKEN: other });

    expect(run.combined).toContain(`${SETSECRET}${other}`);
  });
});
