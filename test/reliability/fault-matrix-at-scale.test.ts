// The "done when": every fault at once against 500+ active pull requests. The run must finish, requeue
// every expected check exactly once by the emulator's own record, and report the truth (reference §5, §6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type FaultSettings,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { printMatrix, rowOf } from './support/matrix-table.js';
import { describeViolations } from './support/retry-after-audit.js';
import { runMatrixCell, type CellRun } from './support/run-matrix-cell.js';

/** Each fault is counted so that no single call can meet more faults than its attempts allow. */
const EVERYTHING: FaultSettings = {
  throttle: { afterRequests: 400, retryAfterSeconds: 1, episodes: 1 },
  retryAfterOn200: { retryAfterSeconds: 1, count: 2, method: 'GET', pathPattern: 'policy/evaluations$' },
  requests: [
    { kind: 'status', status: 503, method: 'GET', pathPattern: 'policy/evaluations$', count: 8 },
    { kind: 'reset', method: 'GET', pathPattern: 'policy/evaluations$', count: 4 },
    { kind: 'status', status: 500, method: 'GET', path: 'git/pullrequests', count: 1 },
    { kind: 'status', status: 502, method: 'GET', pathPattern: 'pullrequests/\\d+$', count: 4 },
    { kind: 'status', status: 503, method: 'PATCH', count: 6 },
    { kind: 'status', status: 503, method: 'PATCH', retryAfterSeconds: 1, count: 3 },
    { kind: 'reset', method: 'PATCH', count: 6 },
    { kind: 'applyThenDrop', method: 'PATCH', count: 10 },
    { kind: 'status', status: 500, method: 'PATCH', count: 3 },
  ],
};

let emulator: RunningEmulator;
let run: CellRun;

beforeAll(async () => {
  emulator = await startEmulator({
    latencyMs: 1,
    scenario: {
      ...DEMO_SCENARIO,
      generate: {
        pullRequests: 520,
        projects: 3,
        repositories: 6,
        expiredFraction: 0.3,
        draftFraction: 0.05,
        conflictFraction: 0.05,
        manualFraction: 0.05,
        runningFraction: 0.08,
        seed: 29,
      },
    },
  });
  const startedMs = Date.now();
  run = await runMatrixCell({ emulator, faults: EVERYTHING });
  printMatrix('fault matrix: everything at once', [
    rowOf('every fault, 520+ PRs', run, Date.now() - startedMs),
  ]);
}, 55_000);

afterAll(() => emulator.close());

describe('fault matrix: every fault at once against 520+ active pull requests', () => {
  it('lists them all', () => {
    expect(run.result.summary.pullRequests).toBeGreaterThanOrEqual(520);
  });

  it('requeues every expected check exactly once: none lost, none twice, none unexpected', () => {
    expect(run.exactlyOnce.expected).toBeGreaterThan(120);
    expect(run.exactlyOnce.lost).toEqual([]);
    expect(run.exactlyOnce.duplicates).toEqual([]);
    expect(run.exactlyOnce.unexpected).toEqual([]);
  });

  it('met the faults it was meant to meet', () => {
    const faults = new Set(emulator.control.requestLog().map((entry) => entry.fault));

    expect([...faults].sort()).toEqual(
      expect.arrayContaining(['applyThenDrop', 'reset', 'retryAfterOn200', 'status', 'throttle']) as unknown,
    );
    expect(run.retryAfter.windows).toBeGreaterThanOrEqual(4);
  });

  it('reports the truth: no failure, and every verdict matches the record', () => {
    const failures = run.result.pullRequests.flatMap((pr) => [
      ...(pr.error === undefined ? [] : [pr.error]),
      ...pr.checks.filter((check) => check.action === 'failed').map((check) => check.reason),
    ]);

    expect(failures).toEqual([]);
    expect(run.result.summary.failed).toBe(0);
    expect(run.result.authFailure).toBe(false);
    expect(run.exactlyOnce.misreported).toEqual([]);
    expect(run.result.summary.requeued).toBe(run.exactlyOnce.expected);
  });

  it('sends nothing to the organization inside a Retry-After window it was told about', () => {
    expect(run.retryAfter.violations, describeViolations(run.retryAfter)).toEqual([]);
  });
});
