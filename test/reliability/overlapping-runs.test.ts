// Issue 15.A: runs on the same scope that overlap in time (a CI run and a scheduled one, two pushes, serve beside
// a pipeline) must requeue every expired check exactly once between them and cancel no build. Judged from the
// emulator's own record (support/overlap-audit.ts); 20 ms per call so the runs really overlap, which is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { allSpansOverlap } from './support/overlap-audit.js';
import {
  evenlySpaced,
  recordOfControl,
  runOverlapping,
  type OverlapOutcome,
} from './support/run-overlapping.js';

const LATENCY_MS = 20;
const SPACING_MS = 300;

let emulator: RunningEmulator;

/** A few ids for the failure message: the counts say how many, the ids where to look. */
const sample = (ids: readonly (string | number)[]): string =>
  `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;

beforeAll(async () => {
  emulator = await startEmulator({
    latencyMs: LATENCY_MS,
    scenario: {
      seed: 15,
      generate: { pullRequests: 300, projects: 2, repositories: 4, expiredFraction: 0.5, seed: 15 },
    },
  });
});

afterAll(() => emulator.close());

async function overlap(runs: number): Promise<OverlapOutcome> {
  emulator.control.reset();
  const expected = expectedRequeues(emulator.control.state());
  const outcome = await runOverlapping({
    orgUrl: emulator.orgUrl,
    token: emulator.tokens.jobToken,
    record: recordOfControl(emulator.control),
    expected,
    startOffsetsMs: evenlySpaced(runs, SPACING_MS),
  });
  const { audit } = outcome;
  process.stdout.write(
    `${runs} runs ${SPACING_MS} ms apart: ${audit.expected} expected, ${audit.requeues} requeues, ` +
      `${audit.requeuedTwice.length} checks requeued twice or more, ${audit.cancelledBuilds.length} builds ` +
      `cancelled, ${audit.left.length} left, calls ${audit.runs.map((run) => run.calls).join(' + ')}, ` +
      `${outcome.wallMs} ms\n`,
  );
  return outcome;
}

describe.each([2, 4])('%i runs started 300 ms apart on the same scope', (runs) => {
  let outcome: OverlapOutcome;
  beforeAll(async () => {
    outcome = await overlap(runs);
  }, 20_000);

  it('really overlap: every run was at work while every other was', () => {
    expect(outcome.reports.map((report) => report.error)).toEqual(Array(runs).fill(undefined));
    expect(allSpansOverlap(outcome.audit.runs)).toBe(true);
  });

  it('requeue every expected check exactly once between them, and nothing else', () => {
    const { audit } = outcome;

    expect(audit.expected).toBeGreaterThan(100);
    expect(audit.requeuedTwice.length, `requeued twice: ${sample(audit.requeuedTwice)}`).toBe(0);
    expect(audit.left.length, `never requeued: ${sample(audit.left)}`).toBe(0);
    expect(audit.unexpected.length, `not expected: ${sample(audit.unexpected)}`).toBe(0);
    expect(audit.requeues).toBe(audit.expected);
  });

  it('cancel no build', () => {
    const cancelled = outcome.audit.cancelledBuilds;

    expect(cancelled.length, `cancelled builds: ${sample(cancelled)}`).toBe(0);
  });
});
