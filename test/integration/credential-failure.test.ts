// A credential that fails during a run (an Entra refresh refused) is an authentication failure: the run ends with
// the auth verdict and no request goes out without a credential, nor is any requeue's outcome called unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectAzureDevOps } from '../../src/azure-devops/connect-azure-devops.js';
import { parseOrganizationUrl } from '../../src/azure-devops/organization-url.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runRequeue, type RequeueOptions } from '../../src/requeue/run-requeue.js';
import { systemClock } from '../../src/util/clock.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      generate: { pullRequests: 30, projects: 1, repositories: 1, expiredFraction: 0.5, seed: 11 },
    },
  });
});

afterAll(() => emulator.close());

function connectFailingWhen(failing: () => boolean) {
  return connectAzureDevOps({
    organization: parseOrganizationUrl(emulator.orgUrl),
    authorize: () =>
      failing()
        ? Promise.reject(new Error('AADSTS700024: client assertion is not within its valid time range'))
        : Promise.resolve(`Bearer ${emulator.tokens.jobToken}`),
    clock: systemClock,
    userAgent: 'credential-failure-test',
  }).api;
}

function optionsWith(onProgress?: RequeueOptions['onProgress']): RequeueOptions {
  return {
    organization: emulator.orgUrl,
    scope: { projects: [], allProjects: true, repositories: [] },
    targetBranches: [],
    rules: { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false },
    dryRun: false,
    ...(onProgress ? { onProgress } : {}),
  };
}

describe('a credential that fails mid-run', () => {
  it('marks every requeue failed as an auth failure, sends no PATCH, and reads nothing back', async () => {
    emulator.control.reset();
    let requeuing = false;
    const api = connectFailingWhen(() => requeuing);

    const result = await runRequeue(
      optionsWith(({ phase }) => (requeuing ||= phase === 'requeuing')),
      api,
    );

    const verdicts = result.pullRequests.flatMap((pr) => pr.checks).filter((c) => c.action !== 'skipped');
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((c) => c.action === 'failed' && c.errorCode === 'credential-unavailable')).toBe(
      true,
    );
    expect(result.authFailure).toBe(true);
    expect(emulator.control.requestLog().filter((entry) => entry.method === 'PATCH')).toEqual([]);
    expect(emulator.control.requeues()).toEqual([]);
  });

  it('stops the reading with an auth failure when it fails while reading, and still reports (15.D)', async () => {
    emulator.control.reset();
    let calls = 0;
    const api = connectFailingWhen(() => ++calls > 3);

    const result = await runRequeue(optionsWith(), api);

    expect(result).toMatchObject({ authFailure: true, interrupted: true });
    const errors = result.pullRequests.flatMap((pr) => pr.error ?? []);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => /AADSTS700024|credential/i.test(error))).toBe(true);
    expect(emulator.control.requestLog().filter((entry) => entry.method === 'PATCH')).toEqual([]);
  });
});
