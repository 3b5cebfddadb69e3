// Spending builds where they matter, tried as a user would: the built CLI against the emulator's living policy engine.
// After a push to main with 40 open PRs and --max-builds-in-flight 5, each run starts builds for the readiest PRs
// only as far as the pool has room, the next runs take the next ones as builds finish, and nothing is cancelled or
// requeued twice. Failed builds are retried once per pair of commits with --retry-failed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  startEmulator,
  type RunningEmulator,
  type Scenario,
  type ScenarioPullRequest,
} from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/reporting/json-report.js';
import { runCli } from '../support/run-cli.js';

const AUTO_COMPLETE_READY = [7, 23];
const AUTO_COMPLETE_WAITING = [31];
/** Reviewers approved; opened 5, 9, 13… minutes ago, so PR 2 is the most recently active of them. */
const REVIEWED = [2, 5, 9, 12, 15, 18, 21, 26, 29, 34];

function appPullRequest(id: number): ScenarioPullRequest {
  const reviewed = AUTO_COMPLETE_READY.includes(id) || REVIEWED.includes(id);
  const age = REVIEWED.indexOf(id);
  return {
    id,
    targetBranch: 'main',
    autoComplete: AUTO_COMPLETE_READY.includes(id) || AUTO_COMPLETE_WAITING.includes(id),
    reviewers: [{ name: 'Reviewer', vote: reviewed ? 10 : 0 }],
    ...(age === -1 ? {} : { ageMinutes: 5 + 4 * age }),
  };
}

/**
 * The readiness order the rules promise, computed from the scenario alone: auto-complete with nothing else
 * waiting, auto-complete still waiting on reviewers, reviewed (most recent activity first), then the rest. The
 * rest all had their last build at the same time, so the newest id comes first.
 */
const EXPECTED_ORDER = [
  ...[...AUTO_COMPLETE_READY].reverse(),
  ...AUTO_COMPLETE_WAITING,
  ...REVIEWED,
  ...Array.from({ length: 40 }, (_, i) => 40 - i).filter(
    (id) =>
      !AUTO_COMPLETE_READY.includes(id) && !AUTO_COMPLETE_WAITING.includes(id) && !REVIEWED.includes(id),
  ),
];

const SCENARIO: Scenario = {
  projects: [
    {
      name: 'Budget',
      repositories: [
        {
          name: 'app',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'PR build', buildDefinitionId: 12, expiration: 'immediately' },
                { type: 'minimumReviewers', minimumApproverCount: 1 },
              ],
            },
          ],
          pullRequests: Array.from({ length: 40 }, (_, i) => appPullRequest(i + 1)),
        },
        {
          name: 'lib',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'Lib build', buildDefinitionId: 20, expiration: 'never' },
              ],
            },
          ],
          pullRequests: [
            ...[41, 42, 43].map((id) => ({
              id,
              targetBranch: 'main',
              check: 'rejected' as const,
              buildResult: 'failed' as const,
            })),
            { id: 44, targetBranch: 'main', isDraft: true, check: 'rejected' },
            { id: 45, targetBranch: 'main', conflicts: true, check: 'rejected' },
          ],
        },
      ],
    },
  ],
};

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: SCENARIO });
});

afterAll(() => emulator.close());

beforeEach(() => {
  emulator.control.reset();
});

async function requeueRun(...flags: string[]): Promise<JsonReport> {
  const run = await runCli(['--org', emulator.orgUrl, '--project', 'Budget', '--output', 'json', ...flags], {
    env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
  });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as JsonReport;
}

/** PR ids requeued since the record had `from` entries, in the order the emulator saw them. */
function requeuedSince(from: number): number[] {
  return emulator.control
    .requeues()
    .slice(from)
    .map((record) => record.pullRequestId);
}

function sorted(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

describe('azdo-requeue --max-builds-in-flight after a push to main with 40 open pull requests', () => {
  it('starts builds for the 5 readiest, then the next ones as builds finish, never twice, never cancelling', async () => {
    emulator.control.push({ project: 'Budget', repository: 'app', branch: 'main' });
    const capacity = ['--repository', 'app', '--max-builds-in-flight', '5'];

    const first = await requeueRun(...capacity);

    expect(sorted(requeuedSince(0))).toEqual(sorted(EXPECTED_ORDER.slice(0, 5)));
    expect(first.pullRequests.map((pr) => pr.id)).toEqual(EXPECTED_ORDER);
    expect(first.pullRequests.map((pr) => pr.rank)).toEqual(EXPECTED_ORDER.map((_, i) => i + 1));
    expect(first.pullRequests.slice(0, 4).map((pr) => pr.readiness)).toEqual([
      'auto-complete is set',
      'auto-complete is set',
      'auto-complete is set, but waiting on Minimum number of reviewers',
      'other required policies pass',
    ]);
    expect(first.summary).toMatchObject({ requeued: 5, buildsAvoided: { deferred: 35, inProgress: 0 } });
    expect(first.capacity).toEqual([
      { project: 'Budget', definitionId: 12, limit: 5, inFlight: 0, planned: 5, deferred: 35 },
    ]);
    const deferred = first.pullRequests.flatMap((pr) => pr.checks).filter((c) => c.skipReason === 'deferred');
    expect(deferred.every((c) => /no build capacity left for pipeline definition 12/.test(c.reason))).toBe(
      true,
    );

    // The pool is full: nothing starts, and the 5 running builds are left alone.
    const second = await requeueRun(...capacity);

    expect(requeuedSince(5)).toEqual([]);
    expect(second.summary).toMatchObject({ requeued: 0, buildsAvoided: { inProgress: 5, deferred: 35 } });

    // Two builds finish: exactly two more start, for the next two in line.
    const [firstBuild, secondBuild] = emulator.control.builds().filter((b) => b.status !== 'completed');
    for (const build of [firstBuild, secondBuild])
      emulator.control.completeBuilds({ buildId: build?.id ?? 0 });
    await requeueRun(...capacity);

    expect(sorted(requeuedSince(5))).toEqual(sorted(EXPECTED_ORDER.slice(5, 7)));

    // Then batch after batch as the pool drains, until every PR had exactly one build.
    let done = 7;
    while (done < 40) {
      emulator.control.completeBuilds({ all: true });
      const report = await requeueRun(...capacity);
      const batch = requeuedSince(done);
      expect(sorted(batch)).toEqual(sorted(EXPECTED_ORDER.slice(done, done + 5)));
      expect(report.summary.requeued).toBe(batch.length);
      done += batch.length;
    }
    emulator.control.completeBuilds({ all: true });
    const last = await requeueRun(...capacity);

    expect(last.summary).toMatchObject({ requeued: 0, buildsAvoided: { deferred: 0 } });
    const records = emulator.control.requeues();
    expect(records).toHaveLength(40);
    expect(new Set(records.map((r) => r.evaluationId)).size).toBe(40);
    expect(records.filter((r) => r.cancelledBuild)).toEqual([]);
    expect(emulator.control.state().counters.buildsCancelled).toBe(0);
  });

  it('counts builds already queued by someone else against the capacity', async () => {
    emulator.control.push({ project: 'Budget', repository: 'app', branch: 'main' });
    await requeueRun('--repository', 'app', '--max-requeues', '2');

    const report = await requeueRun('--repository', 'app', '--max-builds-in-flight', '5');

    expect(sorted(requeuedSince(0))).toEqual(sorted(EXPECTED_ORDER.slice(0, 5)));
    expect(report.capacity?.[0]).toMatchObject({ inFlight: 2, planned: 3 });
    expect(emulator.control.requeues().filter((r) => r.cancelledBuild)).toEqual([]);
  });

  it('does not cancel a queued build whose check expired again (main moved while it waited), even without the flag', async () => {
    emulator.control.push({ project: 'Budget', repository: 'app', branch: 'main' });
    await requeueRun('--repository', 'app', '--max-requeues', '3');
    emulator.control.push({ project: 'Budget', repository: 'app', branch: 'main' });

    const report = await requeueRun('--repository', 'app');

    expect(emulator.control.requeues()).toHaveLength(40);
    expect(emulator.control.requeues().filter((r) => r.cancelledBuild)).toEqual([]);
    expect(report.summary).toMatchObject({ requeued: 37, buildsAvoided: { inProgress: 3 } });
    const waiting = report.pullRequests
      .flatMap((pr) => pr.checks)
      .filter((c) => c.skipReason === 'build-in-progress');
    expect(waiting.every((c) => c.expired && /has not finished/.test(c.reason))).toBe(true);
  });

  it('never reads the Build API without the flag', async () => {
    emulator.control.push({ project: 'Budget', repository: 'app', branch: 'main' });

    await requeueRun('--repository', 'app', '--dry-run');

    const buildLists = emulator.control.requestLog().filter((e) => /\/_apis\/build\/builds$/i.test(e.path));
    expect(buildLists).toEqual([]);
  });

  it('prints why each pull request got a build or not, and what was avoided, in the text report', async () => {
    emulator.control.push({ project: 'Budget', repository: 'app', branch: 'main' });

    const run = await runCli(
      ['--org', emulator.orgUrl, '--project', 'Budget', '--repository', 'app', '--max-builds-in-flight', '5'],
      { env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken } },
    );

    expect(run.stdout).toMatch(/PR 23 "Pull request 23" .*\[#1: auto-complete is set\]/);
    expect(run.stdout).toMatch(/requeued: "PR build": build expired; requeued -> build \d+/);
    expect(run.stdout).toContain('Builds not started: 35 deferred for capacity');
    expect(run.stdout).toContain('Budget definition 12: 0 in flight, 5 started, 35 deferred');
  });
});

describe('azdo-requeue --retry-failed', () => {
  it('retries failed builds once the commits moved, and never again on the same commits', async () => {
    const before = await requeueRun('--repository', 'lib', '--retry-failed');

    expect(requeuedSince(0)).toEqual([]);
    expect(before.summary.buildsAvoided).toMatchObject({ sameCommits: 3, drafts: 1, conflicts: 1 });

    emulator.control.push({ project: 'Budget', repository: 'lib', branch: 'main' });
    const without = await requeueRun('--repository', 'lib');
    const retry = await requeueRun('--repository', 'lib', '--retry-failed');

    expect(without.summary.requeued).toBe(0);
    expect(sorted(requeuedSince(0))).toEqual([41, 42, 43]);
    expect(retry.summary).toMatchObject({ requeued: 3, retried: 3 });
    const retried = retry.pullRequests.flatMap((pr) => pr.checks).filter((c) => c.action === 'requeued');
    expect(retried.every((c) => c.trigger === 'failed' && /on older commits \(target /.test(c.reason))).toBe(
      true,
    );

    // The retries fail again, on the current commits: the next run leaves them alone and says why.
    emulator.control.completeBuilds({ all: true, result: 'failed' });
    const after = await requeueRun('--repository', 'lib', '--retry-failed');

    expect(requeuedSince(3)).toEqual([]);
    expect(after.summary.buildsAvoided).toMatchObject({ sameCommits: 3 });
    const refused = after.pullRequests
      .flatMap((pr) => pr.checks)
      .filter((c) => c.skipReason === 'same-commits');
    expect(refused.every((c) => /a retry would build the same code/.test(c.reason))).toBe(true);
  });
});
