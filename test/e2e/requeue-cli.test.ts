// The core promise, tried as a user would: the built CLI against the emulator with 300+ active PRs across several
// projects and repositories requeues exactly the checks the rules select, each once, and reports every check.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/reporting/json-report.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { runCli } from '../support/run-cli.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: {
        pullRequests: 300,
        projects: 2,
        repositories: 5,
        expiredFraction: 0.3,
        draftFraction: 0.05,
        conflictFraction: 0.05,
        manualFraction: 0.08,
        runningFraction: 0.08,
        seed: 7,
      },
    },
  });
});

afterAll(() => emulator.close());

beforeEach(() => {
  emulator.control.reset();
  emulator.control.push({ project: 'Contoso Web', branch: 'main' });
});

function jobTokenEnv(): Record<string, string> {
  return { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken };
}

describe('azdo-requeue against 300+ active pull requests', () => {
  it('requeues exactly the expired build checks the rules select, each once, and accounts for every check', async () => {
    const state = emulator.control.state();
    const expected = expectedRequeues(state);
    const active = state.pullRequests.filter((pr) => pr.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(250);

    const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json'], {
      env: jobTokenEnv(),
    });

    expect(run.code, run.stderr).toBe(0);
    const requeued = emulator.control.requeues().map((record) => record.evaluationId);
    expect(new Set(requeued)).toEqual(expected);
    expect(requeued).toHaveLength(expected.size);
    expect(emulator.control.requeues().filter((record) => record.cancelledBuild)).toEqual([]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.summary.requeued).toBe(expected.size);
    expect(report.summary.pullRequests).toBe(active.length);
    const checks = report.pullRequests.flatMap((pr) => pr.checks);
    expect(checks.every((check) => check.reason.length > 0)).toBe(true);
    const readIds = new Set(
      report.pullRequests.filter((pr) => pr.skipReason === undefined).map((pr) => pr.id),
    );
    const buildChecksOfReadPrs = state.evaluations.filter((e) => e.isBuild && readIds.has(e.pullRequestId));
    expect(checks.map((check) => check.evaluationId).sort()).toEqual(
      buildChecksOfReadPrs.map((e) => e.evaluationId).sort(),
    );
  });

  it('leaves drafts, conflicts, manual-only, running and fresh checks untouched, and says why', async () => {
    const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json'], {
      env: jobTokenEnv(),
    });

    const report = JSON.parse(run.stdout) as JsonReport;
    const skipReasons = new Set(report.pullRequests.map((pr) => pr.skipReason).filter(Boolean));
    expect(skipReasons).toEqual(new Set(['draft', 'conflicts']));
    const checkReasons = new Set(
      report.pullRequests.flatMap((pr) => pr.checks.map((c) => c.skipReason)).filter(Boolean),
    );
    expect(checkReasons).toEqual(new Set(['manual-only', 'build-in-progress', 'not-expired']));
    const drafts = report.pullRequests.filter((pr) => pr.skipReason === 'draft');
    expect(drafts.every((pr) => pr.checks.length === 0 && /--include-drafts/.test(pr.reason ?? ''))).toBe(
      true,
    );
  });

  it('pages with $top=250 and builds the policy artifact id from the project GUID', async () => {
    await runCli(['--org', emulator.orgUrl, '--all-projects', '--dry-run'], { env: jobTokenEnv() });

    const log = emulator.control.requestLog();
    const lists = log.filter((entry) => /\/_apis\/git\/pullrequests$/i.test(entry.path));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((entry) => /(^|&)%24top=250|(^|&)\$top=250/.test(entry.query))).toBe(true);
    const projectIds = new Set(emulator.projects.map((project) => project.id));
    const artifacts = log
      .filter((entry) => /\/_apis\/policy\/evaluations$/i.test(entry.path))
      .map((entry) => new URLSearchParams(entry.query).get('artifactId') ?? '');
    expect(artifacts.length).toBeGreaterThan(250);
    expect(artifacts.every((id) => projectIds.has(/CodeReviewId\/([^/]+)\//.exec(id)?.[1] ?? ''))).toBe(true);
  });

  it('sends no PATCH in a dry run, and reports what it would requeue', async () => {
    const expected = expectedRequeues(emulator.control.state());

    const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--dry-run', '--output', 'json'], {
      env: jobTokenEnv(),
    });

    expect(run.code).toBe(0);
    expect(emulator.control.requestLog().filter((entry) => entry.method === 'PATCH')).toEqual([]);
    expect((JSON.parse(run.stdout) as JsonReport).summary.wouldRequeue).toBe(expected.size);
  });

  it('spends --max-requeues on the readiest pull requests and reports the rest as over budget', async () => {
    const run = await runCli(
      ['--org', emulator.orgUrl, '--all-projects', '--max-requeues', '3', '--output', 'json'],
      {
        env: jobTokenEnv(),
      },
    );

    const report = JSON.parse(run.stdout) as JsonReport;
    expect(emulator.control.requeues()).toHaveLength(3);
    expect(report.summary.requeued).toBe(3);
    const ranks = report.pullRequests
      .filter((pr) => pr.checks.some((c) => c.action === 'requeued'))
      .map((pr) => pr.rank ?? 0);
    const budget = report.pullRequests
      .filter((pr) => pr.checks.some((c) => c.skipReason === 'budget'))
      .map((pr) => pr.rank ?? 0);
    expect(Math.max(...ranks)).toBeLessThan(Math.min(...budget));
  });

  it('lets the server filter by target branch', async () => {
    const expected = expectedRequeues(emulator.control.state(), { targetRefName: 'refs/heads/develop' });

    const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--target-branch', 'develop'], {
      env: jobTokenEnv(),
    });

    expect(run.code, run.stderr).toBe(0);
    expect(new Set(emulator.control.requeues().map((r) => r.evaluationId))).toEqual(expected);
    const lists = emulator.control
      .requestLog()
      .filter((entry) => /\/_apis\/git\/pullrequests$/i.test(entry.path));
    expect(
      lists.every(
        (entry) =>
          new URLSearchParams(entry.query).get('searchCriteria.targetRefName') === 'refs/heads/develop',
      ),
    ).toBe(true);
  });
});

describe('a long run outside a pipeline', () => {
  it('says on stderr how far it got, once it has taken a while, and keeps stdout for the report', async () => {
    // About 300 reads one at a time at 25 ms each: well past the 5 s before the first progress line.
    emulator.control.setLatency(25);
    try {
      const run = await runCli(
        ['--org', emulator.orgUrl, '--all-projects', '--concurrency', '1', '--output', 'json'],
        { env: jobTokenEnv() },
      );

      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(
        /^azdo-requeue: read the checks of \d+ of \d+ pull requests listed so far$/m,
      );
      expect(run.stderr).toMatch(/^azdo-requeue: requeuing \d+ expired build checks$/m);
      expect((JSON.parse(run.stdout) as JsonReport).schemaVersion).toBe(1);
    } finally {
      emulator.control.setLatency(0);
    }
  }, 30_000);

  it('prints no progress at all in a short run', async () => {
    const run = await runCli(['--org', emulator.orgUrl, '--all-projects'], { env: jobTokenEnv() });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/read the checks of|requeuing \d+/);
  });
});
