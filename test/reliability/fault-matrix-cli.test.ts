// The fault matrix's cell through the built CLI (`node dist/cli/main.js`), as a pipeline step runs it: throttled
// and Retry-After-on-200 answers while nothing else is in flight (so the emulator's own `inRetryAfterWindow` flag
// judges alone), 5xx on the check lists, and every PATCH fault. The emulator's record must show each expected check
// requeued exactly once, and the JSON report and the exit code must say the same (reference §5, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type FaultSettings,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { checkJsonReport, requeuedIn } from './support/check-json-report.js';

const FAULTS: FaultSettings = {
  // The first request (list projects) and the second (the first page of pull requests) are alone on the wire.
  retryAfterOn200: { retryAfterSeconds: 1, count: 1, method: 'GET', pathPattern: '_apis/projects$' },
  throttle: { afterRequests: 1, retryAfterSeconds: 1, episodes: 1 },
  requests: [
    { kind: 'status', status: 503, method: 'GET', pathPattern: 'policy/evaluations$', count: 6 },
    { kind: 'status', status: 503, method: 'PATCH', count: 4 },
    { kind: 'reset', method: 'PATCH', count: 4 },
    { kind: 'applyThenDrop', method: 'PATCH', count: 6 },
    { kind: 'status', status: 500, method: 'PATCH', count: 2 },
  ],
};

let emulator: RunningEmulator;
let expected: Set<string>;
let run: CliRun;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 200, projects: 2, repositories: 4, expiredFraction: 0.3, seed: 23 },
    },
  });
  expected = expectedRequeues(emulator.control.state());
  emulator.control.setFaults(FAULTS);
  run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json'], {
    env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    timeoutMs: 45_000,
  });
}, 50_000);

afterAll(() => emulator.close());

describe('fault matrix through the built CLI', () => {
  it('exits 0 with a complete, consistent JSON report', () => {
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(checkJsonReport(report)).toEqual([]);
    expect(report.summary.failed).toBe(0);
  });

  it('requeued every expected check exactly once, by the emulator record, and reported exactly those', () => {
    const records = emulator.control.requeues().map((record) => record.evaluationId);
    const report = JSON.parse(run.stdout) as JsonReport;

    expect(expected.size).toBeGreaterThan(40);
    expect(new Set(records)).toEqual(expected);
    expect(records).toHaveLength(expected.size);
    expect(requeuedIn(report).sort()).toEqual([...records].sort());
  });

  it('met the faults, and sent nothing inside a Retry-After window (the emulator flag)', () => {
    const log = emulator.control.requestLog();
    const faults = new Set(log.map((entry) => entry.fault));

    expect(
      emulator.control
        .retryAfterWindows()
        .map((window) => window.reason)
        .sort(),
    ).toEqual(['retryAfterOn200', 'throttle']);
    expect([...faults]).toEqual(
      expect.arrayContaining(['applyThenDrop', 'reset', 'status', 'throttle']) as unknown,
    );
    expect(log.filter((entry) => entry.inRetryAfterWindow)).toEqual([]);
  });
});
