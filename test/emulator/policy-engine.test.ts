// The living policy engine: pushes expire checks per setting, requeues queue builds and cancel running ones.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';

function scenario(builds: Scenario['builds'] = {}): Scenario {
  const repository = (
    name: string,
    expiration: 'immediately' | 'never' | { hours: number },
    conflicts = false,
  ) => ({
    name,
    branches: [
      { name: 'main', policies: [{ type: 'build' as const, displayName: `${name} CI`, expiration }] },
    ],
    pullRequests: [
      { targetBranch: 'main', conflicts },
      { targetBranch: 'main', check: 'running' as const },
      { targetBranch: 'develop' },
    ],
  });
  return {
    builds,
    projects: [
      {
        name: 'P',
        repositories: [
          repository('now', 'immediately'),
          repository('later', { hours: 4 }),
          repository('never', 'never'),
          repository('clash', 'immediately', true),
        ],
      },
    ],
  };
}

let emu: RunningEmulator;

afterEach(async () => {
  await emu.close();
});

function evaluationsOf(repositoryName: string) {
  const state = emu.control.state();
  const prs = new Map(state.pullRequests.map((pr) => [pr.id, pr]));
  return state.evaluations.filter((e) => prs.get(e.pullRequestId)?.repositoryName === repositoryName);
}

describe('push to a target branch (§3.5 expiry)', () => {
  it('expires "immediately" checks at once, "after N hours" ones once N hours passed, "never" ones never', async () => {
    emu = await startEmulator({ scenario: scenario() });

    const result = emu.control.push({ project: 'P', branch: 'main' });
    const afterPush = ['now', 'later', 'never'].map(
      (r) => evaluationsOf(r).filter((e) => e.isExpired).length,
    );
    emu.control.advanceClock(5 * 60);
    const afterHours = ['now', 'later', 'never'].map(
      (r) => evaluationsOf(r).filter((e) => e.isExpired).length,
    );

    expect(result.pullRequestIds).toHaveLength(8);
    expect(afterPush).toEqual([2, 0, 0]);
    expect(afterHours).toEqual([2, 2, 0]);
  });

  it('leaves PRs of other target branches alone and keeps a conflicting PR in conflict', async () => {
    emu = await startEmulator({ scenario: scenario() });
    const before = emu.control
      .state()
      .pullRequests.find((pr) => pr.repositoryName === 'clash' && pr.mergeStatus === 'conflicts');

    emu.control.push({ project: 'P', repository: 'clash', branch: 'refs/heads/main' });

    const state = emu.control.state();
    const after = state.pullRequests.find((pr) => pr.id === before?.id);
    expect(after?.mergeStatus).toBe('conflicts');
    expect(after?.lastMergeTargetCommit).not.toBe(before?.lastMergeTargetCommit);
    expect(evaluationsOf('clash').filter((e) => e.isExpired)).toHaveLength(2);
    expect(evaluationsOf('now').some((e) => e.isExpired)).toBe(false);
  });
});

describe('requeue and builds (§3.4, §4)', () => {
  it('cancels the running build of a re-queued check and counts it as wasted', async () => {
    emu = await startEmulator({ scenario: scenario() });
    emu.control.push({ project: 'P', repository: 'now', branch: 'main' });
    const running = evaluationsOf('now').find((e) => e.buildStatus === 'inProgress');
    const project = emu.projects[0]?.id ?? '';

    const response = await fetch(
      `${emu.orgUrl}/${project}/_apis/policy/evaluations/${running?.evaluationId ?? ''}?api-version=7.1-preview.1`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${emu.tokens.jobToken}` },
      },
    );

    const [record] = emu.control.requeues();
    const builds = emu.control.builds();
    expect(response.status).toBe(200);
    expect(record).toMatchObject({
      previousBuildId: running?.buildId,
      cancelledBuild: true,
      cancelledBuildId: running?.buildId,
    });
    expect(builds.find((b) => b.id === running?.buildId)).toMatchObject({
      status: 'completed',
      result: 'canceled',
      cancelledByRequeue: true,
    });
    expect(builds.find((b) => b.id === record?.newBuildId)).toMatchObject({
      status: 'notStarted',
      pullRequestId: running?.pullRequestId,
    });
    expect(emu.control.state().counters).toMatchObject({ requeues: 1, buildsQueued: 1, buildsCancelled: 1 });
  });

  it('runs queued builds to completion on the emulator clock and approves or rejects the check', async () => {
    emu = await startEmulator({ scenario: scenario({ queueMs: 60_000, runMs: 120_000, failFraction: 1 }) });
    const evaluation = evaluationsOf('now').find((e) => e.buildStatus === 'completed');
    const project = emu.projects[0]?.id ?? '';
    await fetch(
      `${emu.orgUrl}/${project}/_apis/policy/evaluations/${evaluation?.evaluationId ?? ''}?api-version=7.1-preview.1`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${emu.tokens.jobToken}` },
      },
    );
    const statusOf = () => evaluationsOf('now').find((e) => e.evaluationId === evaluation?.evaluationId);

    const queued = statusOf();
    emu.control.advanceClock(1);
    const running = statusOf();
    emu.control.advanceClock(2);
    const done = statusOf();

    expect([queued?.status, running?.status, done?.status]).toEqual(['queued', 'running', 'rejected']);
    expect(done?.buildStatus).toBe('completed');
  });

  it('completes builds on a control call when they have no run time', async () => {
    emu = await startEmulator({ scenario: scenario() });
    const running = evaluationsOf('never').find((e) => e.buildStatus === 'inProgress');

    const result = emu.control.completeBuilds({ buildId: running?.buildId ?? 0, result: 'failed' });
    const all = emu.control.completeBuilds({ all: true });

    expect(result.completed).toEqual([running?.buildId]);
    expect(evaluationsOf('never').find((e) => e.evaluationId === running?.evaluationId)?.status).toBe(
      'rejected',
    );
    expect(all.completed).toHaveLength(3);
    expect(emu.control.builds().every((b) => b.status === 'completed')).toBe(true);
  });
});
