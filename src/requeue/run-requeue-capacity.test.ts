import { describe, expect, it } from 'vitest';

import {
  aFailedBuildCheck,
  aPullRequest,
  aRequeueRun,
  anActiveBuild,
  anExpiredBuildCheck,
  commits,
} from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import { ApiFailure, type ActiveBuild, type ChecksApi } from './checks-api.js';
import type { PolicyCheck, ProjectRef, PullRequest } from './model.js';
import { runRequeue, type RequeueOptions } from './run-requeue.js';

const options: RequeueOptions = aRequeueRun;

/** The fake port plus a Build API that answers `builds` and records each call. */
function apiWith(entries: [PullRequest, PolicyCheck[]][], builds: ActiveBuild[] | Error = []) {
  const { api, calls } = createFakeChecksApi({
    pullRequests: entries.map(([pr]) => pr),
    checks: new Map(entries.map(([pr, checks]) => [pr.id, checks])),
  });
  const buildCalls: { project: string; definitions: readonly number[] }[] = [];
  const withBuilds: ChecksApi = {
    ...api,
    listActiveBuilds(project: ProjectRef, definitionIds: readonly number[]) {
      buildCalls.push({ project: project.name, definitions: definitionIds });
      return builds instanceof Error ? Promise.reject(builds) : Promise.resolve(builds);
    },
  };
  return { api: withBuilds, calls, buildCalls };
}

function fivePullRequests(): [PullRequest, PolicyCheck[]][] {
  return [5, 4, 3, 2, 1].map((id) => [
    aPullRequest({ id }),
    [anExpiredBuildCheck({ evaluationId: `e${id}`, buildDefinitionId: id % 2 === 0 ? 7 : 8 })],
  ]);
}

describe('runRequeue with --max-builds-in-flight', () => {
  it('reads the builds in flight once per project, then requeues only within the capacity left', async () => {
    const { api, calls, buildCalls } = apiWith(fivePullRequests(), [anActiveBuild({ definitionId: 8 })]);

    const result = await runRequeue({ ...options, maxBuildsInFlight: 2 }, api);

    expect(buildCalls).toEqual([{ project: 'Fabrikam', definitions: [7, 8] }]);
    expect(calls.requeue).toEqual(['e5', 'e4', 'e2']);
    expect(result.summary).toMatchObject({ requeued: 3, skipped: 2 });
    expect(result.summary.buildsAvoided).toMatchObject({ deferred: 2, inProgress: 0 });
    expect(result.capacity?.map((c) => [c.definitionId, c.inFlight, c.planned, c.deferred])).toEqual([
      [7, 0, 2, 0],
      [8, 1, 1, 2],
    ]);
    const deferred = result.pullRequests.flatMap((p) => p.checks).filter((c) => c.skipReason === 'deferred');
    expect(deferred.map((c) => c.check.evaluationId)).toEqual(['e3', 'e1']);
    expect(deferred[0]?.reason).toMatch(/definition 8: 1 queued or running \+ 1 started by this run/);
  });

  it('never calls the Build API without the flag', async () => {
    const { api, buildCalls, calls } = apiWith(fivePullRequests());

    const result = await runRequeue(options, api);

    expect(buildCalls).toEqual([]);
    expect(calls.requeue).toHaveLength(5);
    expect(result.capacity).toBeUndefined();
  });

  it('plans within capacity in a dry run too, sending nothing', async () => {
    const { api, calls } = apiWith(fivePullRequests());

    const result = await runRequeue({ ...options, maxBuildsInFlight: 1, dryRun: true }, api);

    expect(calls.requeue).toEqual([]);
    expect(result.summary).toMatchObject({ wouldRequeue: 2, buildsAvoided: { deferred: 3 } });
  });

  it('defers everything of a project whose builds could not be read, and says why', async () => {
    const { api, calls } = apiWith(
      fivePullRequests(),
      new ApiFailure('other', 'list builds failed with 500', 'HTTP 500'),
    );

    const result = await runRequeue({ ...options, maxBuildsInFlight: 5 }, api);

    expect(calls.requeue).toEqual([]);
    expect(result.summary.buildsAvoided?.deferred).toBe(5);
    expect(result.capacity?.[0]?.error).toBe('list builds failed with 500');
  });

  it('stops on an authorization failure of the Build API, like any auth failure', async () => {
    const { api } = apiWith(
      fivePullRequests(),
      new ApiFailure('auth', 'list builds failed with 403', 'HTTP 403'),
    );

    await expect(runRequeue({ ...options, maxBuildsInFlight: 5 }, api)).rejects.toMatchObject({
      kind: 'auth',
    });
  });

  it('refuses the flag with a port that cannot list builds, once a build would be started', async () => {
    const entries = fivePullRequests();
    const world = (checks: PolicyCheck[][]) => ({
      pullRequests: entries.map(([pr]) => pr),
      checks: new Map(entries.map(([pr], i) => [pr.id, checks[i] ?? []])),
    });
    const withoutBuildApi = createFakeChecksApi(world(entries.map(([, checks]) => checks))).api;
    const nothingToStart = createFakeChecksApi(world([])).api;

    await expect(runRequeue({ ...options, maxBuildsInFlight: 1 }, withoutBuildApi)).rejects.toMatchObject({
      kind: 'config',
    });
    await expect(runRequeue({ ...options, maxBuildsInFlight: 1 }, nothingToStart)).resolves.toMatchObject({
      summary: { checks: 0 },
    });
  });
});

describe('runRequeue with --retry-failed', () => {
  it('retries a build that failed on older commits once, and reports the retry', async () => {
    const pr = aPullRequest({ id: 1, ...commits('aaaa0000source', 'cccc0000target-new') });
    const stale = aFailedBuildCheck({ evaluationId: 'stale' });
    const current = aFailedBuildCheck({
      evaluationId: 'current',
      lastMergeTargetCommit: 'cccc0000target-new',
    });
    const { api, calls } = apiWith([[pr, [stale, current]]]);

    const result = await runRequeue({ ...options, rules: { ...options.rules, retryFailed: true } }, api);

    expect(calls.requeue).toEqual(['stale']);
    expect(result.summary).toMatchObject({ requeued: 1, retried: 1, buildsAvoided: { sameCommits: 1 } });
    const [retried, refused] = result.pullRequests[0]?.checks ?? [];
    expect(retried).toMatchObject({ action: 'requeued', trigger: 'failed' });
    expect(retried?.reason).toMatch(/^build failed \(rejected\) on older commits .*; requeued$/);
    expect(refused).toMatchObject({ action: 'skipped', skipReason: 'same-commits' });
  });
});
