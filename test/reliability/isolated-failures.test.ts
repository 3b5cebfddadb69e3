// Issue 15.C and 15.D through the built CLI against the emulator: one project's listing failing (a 500 after the
// retries, a 403) leaves the other projects requeued and reported, and a 401 while the checks are read stops the
// run with the report of what was done and what was not reached. Judged on the emulator's own requeue record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { runCli, type CliRun } from '../support/run-cli.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 90, projects: 3, repositories: 3, expiredFraction: 0.5, seed: 15 },
    },
  });
}, 20_000);

afterAll(() => emulator.close());

async function runWithFailingProject(
  status: number,
): Promise<{ run: CliRun; failing: string; expected: Set<string> }> {
  emulator.control.reset();
  const [failing] = emulator.control.state().projects.filter((project) => project.name !== 'Fabrikam');
  if (!failing) throw new Error('the scenario has no generated project');
  const expected = expectedOutside(failing.id);
  // `Retry-After: 0` replaces the retries' backoff, so the four attempts of a 500 take no wall time.
  const listing = { method: 'GET', path: `/${failing.id}/_apis/git/pullrequests` } as const;
  emulator.control.setFaults({ requests: [{ kind: 'status', status, retryAfterSeconds: 0, ...listing }] });
  const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json'], {
    env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    timeoutMs: 30_000,
  });
  return { run, failing: failing.name, expected };
}

/** The checks the default rules must requeue outside one project, from the emulator's state before the run. */
function expectedOutside(skipped: string): Set<string> {
  const state = emulator.control.state();
  const evaluations = new Map(state.evaluations.map((evaluation) => [evaluation.evaluationId, evaluation]));
  return new Set([...expectedRequeues(state)].filter((id) => evaluations.get(id)?.projectId !== skipped));
}

describe('one failing project with --all-projects (issue 15.C)', () => {
  it('requeues the other projects, prints the report naming the failure, and exits 1 on a 500', async () => {
    const { run, failing, expected } = await runWithFailingProject(500);

    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.listingFailures).toEqual([
      expect.objectContaining({ project: failing, errorCode: 'TF400898', authFailure: false }),
    ]);
    expect(report.summary.failed).toBe(1);
    const requeued = emulator.control.requeues().map((record) => record.evaluationId);
    expect(expected.size).toBeGreaterThan(10);
    expect(new Set(requeued)).toEqual(expected);
    expect(requeued).toHaveLength(expected.size);
  }, 40_000);

  it('exits 3 when the failure is an authorization failure (403), the others still requeued', async () => {
    const { run, failing, expected } = await runWithFailingProject(403);

    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.listingFailures).toEqual([
      expect.objectContaining({ project: failing, authFailure: true }),
    ]);
    expect(expected.size).toBeGreaterThan(10);
    expect(new Set(emulator.control.requeues().map((r) => r.evaluationId))).toEqual(expected);
  }, 40_000);
});

describe('a report is always printed (issue 15.D)', () => {
  it('prints the report of what was done and not reached after a 401 while reading, and exits 3', async () => {
    emulator.control.reset();
    // The token stops working after the listings: every read of a pull request's checks is refused.
    emulator.control.setFaults({
      requests: [{ kind: 'status', status: 401, method: 'GET', pathPattern: 'policy/evaluations$' }],
    });
    const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json'], {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
      timeoutMs: 30_000,
    });

    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.interrupted).toBe(true);
    expect(report.pullRequests.length).toBeGreaterThan(0);
    expect(report.pullRequests.some((pr) => /401/.test(pr.error ?? ''))).toBe(true);
    expect(report.pullRequests.some((pr) => pr.skipReason === 'interrupted')).toBe(true);
    expect(emulator.control.requeues()).toEqual([]);
    // Nothing is sent after the refusal but what was already on the wire.
    const patches = emulator.control.requestLog().filter((entry) => entry.method === 'PATCH');
    expect(patches).toEqual([]);
  }, 40_000);
});
