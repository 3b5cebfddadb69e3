// The world changes between the listing and the requeue: another user requeues some checks, pull requests are
// completed or abandoned, a check's PATCH answers 404. Each is a skip with its reason, never a failure and never
// a second build (reference §3.3, §3.4). With default settings, as if the checks were read long ago: whether a pull
// request is still active comes from one fresh listing of its repository's active pull requests, shared by all its
// requeues; only a pull request missing from it is read on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { connectAzureDevOps, parseOrganizationUrl, systemClock, type PullRequest } from '../../src/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { runMatrixCell, type CellRun } from './support/run-matrix-cell.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 120, projects: 1, repositories: 3, expiredFraction: 0.4, seed: 5 },
    },
  });
});

afterAll(() => emulator.close());

/** Another user's requeue (the PAT identity), as the service would see it: a plain PATCH (reference §3.4). */
async function requeueAsSomeoneElse(projectId: string, evaluationId: string): Promise<number> {
  const url = `${emulator.orgUrl}/${projectId}/_apis/policy/evaluations/${evaluationId}?api-version=7.1-preview.1`;
  const basic = Buffer.from(`:${emulator.tokens.pat}`).toString('base64');
  const response = await fetch(url, { method: 'PATCH', headers: { authorization: `Basic ${basic}` } });
  await response.arrayBuffer();
  return response.status;
}

describe('changing world: between listing and requeue', () => {
  let run: CellRun;
  const byOthers: string[] = [];
  const closedPullRequests: number[] = [];
  let vanishedOnPatch = '';

  beforeAll(async () => {
    run = await runMatrixCell({
      emulator,
      faults: {},
      asIfReadLongAgo: true,
      beforeFirstRequeue: async () => {
        const state = emulator.control.state();
        const expected = [...expectedRequeues(state)];
        const evaluation = (id: string) => state.evaluations.find((entry) => entry.evaluationId === id);
        for (const id of expected.slice(0, 3)) {
          const target = evaluation(id);
          if (target && (await requeueAsSomeoneElse(target.projectId, id)) === 200) byOthers.push(id);
        }
        for (const id of expected.slice(3, 5)) closedPullRequests.push(evaluation(id)?.pullRequestId ?? -1);
        emulator.control.closePullRequest({ id: closedPullRequests[0] ?? -1, status: 'completed' });
        emulator.control.closePullRequest({ id: closedPullRequests[1] ?? -1, status: 'abandoned' });
        vanishedOnPatch = expected[5] ?? '';
        emulator.control.setFaults({
          requests: [{ kind: 'status', status: 404, method: 'PATCH', path: vanishedOnPatch }],
        });
      },
    });
  }, 30_000);

  const verdictOf = (evaluationId: string) =>
    run.result.pullRequests
      .flatMap((pr) => pr.checks)
      .find((verdict) => verdict.check.evaluationId === evaluationId);

  it('skips the checks someone else requeued meanwhile as "changed", naming both builds', () => {
    expect(byOthers).toHaveLength(3);
    for (const id of byOthers) {
      expect(verdictOf(id)).toMatchObject({ action: 'skipped', skipReason: 'changed' });
      expect(verdictOf(id)?.reason).toMatch(/its build changed since it was listed \(\d+ → \d+\)/);
    }
  });

  it('skips the checks of pull requests completed or abandoned meanwhile as "changed", reading only those', () => {
    const closed = run.result.pullRequests
      .filter((pr) => closedPullRequests.includes(pr.pullRequest.id))
      .flatMap((pr) =>
        pr.checks.filter((verdict) => verdict.action !== 'skipped' || verdict.skipReason !== 'not-expired'),
      );

    expect(closed.map((verdict) => verdict.skipReason)).toEqual(['changed', 'changed']);
    expect(closed.map((verdict) => verdict.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/is completed now/),
        expect.stringMatching(/is abandoned now/),
      ]),
    );
    // The others were found in one listing per repository and branch: no pull request but the closed ones is read.
    const readOnTheirOwn = emulator.control
      .requestLog()
      .filter((entry) => entry.method === 'GET' && /\/pullrequests\/\d+$/.test(entry.path))
      .map((entry) => Number(/(\d+)$/.exec(entry.path)?.[1]));
    expect(readOnTheirOwn.sort((a, b) => a - b)).toEqual([...closedPullRequests].sort((a, b) => a - b));
  });

  it('skips a check whose PATCH answers 404 as "vanished"', () => {
    expect(verdictOf(vanishedOnPatch)).toMatchObject({ action: 'skipped', skipReason: 'vanished' });
  });

  it('requeues everything else exactly once, fails nothing, and never requeues a changed check a second time', () => {
    const skipped = new Set([...byOthers, vanishedOnPatch]);
    const ours = emulator.control.requeues().filter((record) => record.token === 'job');

    expect(run.exactlyOnce.duplicates).toEqual([]);
    expect(ours.filter((record) => skipped.has(record.evaluationId))).toEqual([]);
    expect(run.exactlyOnce.lost.filter((id) => !skipped.has(id)).length).toBe(2); // the two closed PRs' checks
    expect(run.result.summary.failed).toBe(0);
    expect(run.exactlyOnce.misreported).toEqual([]);
  });
});

describe('changing world: a pull request completed before the requeue', () => {
  async function completedPullRequestWithCheck() {
    emulator.control.reset();
    const state = emulator.control.state();
    const pr = state.pullRequests.find(
      (entry) =>
        entry.status === 'completed' &&
        state.evaluations.some((e) => e.pullRequestId === entry.id && e.isBuild),
    );
    if (!pr) throw new Error('the demo scenario has no completed pull request with a build check');
    const connection = connectAzureDevOps({
      organization: parseOrganizationUrl(emulator.orgUrl),
      authorize: () => Promise.resolve(`Bearer ${emulator.tokens.jobToken}`),
      clock: systemClock,
      userAgent: 'changing-world-test',
      // As if the listing were older than the default minute: the check and its PR are read again first.
      recheckAfterMs: 0,
    });
    const project = state.projects.find((entry) => entry.id === pr.projectId);
    const pullRequest: PullRequest = {
      id: pr.id,
      title: 'listed while active',
      project: { id: pr.projectId, name: project?.name ?? '' },
      repository: { id: pr.repositoryId, name: pr.repositoryName },
      sourceBranch: pr.sourceRefName,
      targetBranch: pr.targetRefName,
      status: 'active',
      isDraft: false,
      mergeStatus: 'succeeded',
      autoComplete: false,
      createdAt: '2026-01-01T00:00:00Z',
      webUrl: 'about:blank',
    };
    const checks = await connection.api.listChecks(pullRequest);
    const check = checks.find((entry) => entry.isBuildPolicy);
    if (!check) throw new Error('no build check');
    return { connection, pullRequest, check };
  }

  it('is skipped as "changed" by the read before the PATCH: no requeue reaches the emulator', async () => {
    const { connection, pullRequest, check } = await completedPullRequestWithCheck();

    const outcome = await connection.api.requeueCheck(pullRequest, check).catch((error: unknown) => error);

    expect(outcome).toMatchObject({
      skipReason: 'changed',
      message: expect.stringMatching(/is completed now/) as unknown,
    });
    expect(emulator.control.requeues()).toEqual([]);
  });

  it('would be requeued by the emulator if the PATCH were sent: it cannot express a refusal (documented limit)', async () => {
    const { pullRequest, check } = await completedPullRequestWithCheck();

    const status = await requeueAsSomeoneElse(pullRequest.project.id, check.evaluationId);

    expect(status).toBe(200);
    expect(emulator.control.requeues().map((record) => record.evaluationId)).toEqual([check.evaluationId]);
  });
});
