// The fault matrix: the real library against the emulator with one kind of fault per cell. Every cell is judged
// on the emulator's own record: each expected check requeued exactly once (none lost, none twice), no request of
// the client inside a Retry-After window it had been told about, and a report that matches the record
// (reference §5, §6; docs/reliability.md). Retry-After values are real seconds, so they are kept at 1 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type FaultSettings,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { describeViolations } from './support/retry-after-audit.js';
import { printMatrix, rowOf, type MatrixRow } from './support/matrix-table.js';
import { runMatrixCell, type CellRun } from './support/run-matrix-cell.js';

const CELLS: readonly (readonly [string, FaultSettings])[] = [
  ['no faults (baseline)', {}],
  [
    'throttling storm: 429 + Retry-After + X-RateLimit-* after every 60 requests, twice',
    { throttle: { afterRequests: 60, retryAfterSeconds: 1, episodes: 2 } },
  ],
  [
    'Retry-After on 200 answers',
    {
      retryAfterOn200: { retryAfterSeconds: 1, count: 2, method: 'GET', pathPattern: 'policy/evaluations$' },
    },
  ],
  [
    '5xx bursts on GETs (PR list, checks, pre-check reads)',
    {
      requests: [
        { kind: 'status', status: 503, method: 'GET', pathPattern: 'policy/evaluations$', count: 10 },
        { kind: 'status', status: 500, method: 'GET', path: 'git/pullrequests', count: 2 },
        { kind: 'status', status: 502, method: 'GET', pathPattern: 'policy/evaluations/', count: 4 },
        { kind: 'status', status: 504, method: 'GET', pathPattern: 'pullrequests/\\d+$', count: 4 },
      ],
    },
  ],
  [
    '5xx bursts on PATCHes, with and without Retry-After',
    {
      requests: [
        { kind: 'status', status: 503, method: 'PATCH', count: 8 },
        { kind: 'status', status: 500, method: 'PATCH', count: 4 },
        { kind: 'status', status: 503, method: 'PATCH', retryAfterSeconds: 1, count: 4 },
      ],
    },
  ],
  [
    'connection resets before apply (GET and PATCH)',
    {
      requests: [
        { kind: 'reset', method: 'GET', pathPattern: 'policy/evaluations', count: 8 },
        { kind: 'reset', method: 'PATCH', count: 10 },
      ],
    },
  ],
  ['apply, then drop the connection', { requests: [{ kind: 'applyThenDrop', method: 'PATCH', count: 15 }] }],
];

const emulators: RunningEmulator[] = [];
const runs = new Map<string, CellRun>();
const rows: MatrixRow[] = [];

// Each cell has its own emulator and client, so the cells run side by side: most of their time is spent waiting
// out Retry-After windows and backoffs, in real seconds.
beforeAll(async () => {
  await Promise.all(
    CELLS.map(async ([cell, faults]) => {
      const emulator = await startEmulator({
        scenario: {
          ...DEMO_SCENARIO,
          generate: { pullRequests: 200, projects: 2, repositories: 4, expiredFraction: 0.3, seed: 11 },
        },
      });
      emulators.push(emulator);
      const startedMs = Date.now();
      const run = await runMatrixCell({ emulator, faults });
      runs.set(cell, run);
      rows.push(rowOf(cell, run, Date.now() - startedMs));
    }),
  );
}, 50_000);

afterAll(async () => {
  printMatrix('fault matrix (in process, 200+ PRs per cell, cells side by side)', rows);
  await Promise.all(emulators.map((emulator) => emulator.close()));
});

function runOf(cell: string): CellRun {
  const run = runs.get(cell);
  if (run === undefined) throw new Error(`cell "${cell}" did not run`);
  return run;
}

describe.each(CELLS)('fault matrix: %s', (cell) => {
  let run: CellRun;

  beforeAll(() => {
    run = runOf(cell);
  });

  it('requeues every expected check exactly once: none lost, none twice, none unexpected', () => {
    expect(run.exactlyOnce.expected).toBeGreaterThan(40);
    expect(run.exactlyOnce.lost).toEqual([]);
    expect(run.exactlyOnce.duplicates).toEqual([]);
    expect(run.exactlyOnce.unexpected).toEqual([]);
    expect(run.exactlyOnce.requeues).toBe(run.exactlyOnce.expected);
  });

  it('reports the truth: every check has a verdict that matches the record, no failure, no auth failure', () => {
    const failures = run.result.pullRequests.flatMap((pr) =>
      pr.checks.filter((check) => check.action === 'failed').map((check) => check.reason),
    );

    expect(failures).toEqual([]);
    expect(run.result.pullRequests.filter((pr) => pr.error !== undefined)).toEqual([]);
    expect(run.exactlyOnce.misreported).toEqual([]);
    expect(run.result.summary.requeued).toBe(run.exactlyOnce.requeues);
    expect(run.result.summary.failed).toBe(0);
    expect(run.result.authFailure).toBe(false);
  });

  it('sends nothing to the organization inside a Retry-After window it was told about', () => {
    expect(run.retryAfter.violations, describeViolations(run.retryAfter)).toEqual([]);
  });
});
