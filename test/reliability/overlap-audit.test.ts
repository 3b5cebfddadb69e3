// The overlapping-runs harness counts from the emulator's record: doubles, cancelled builds, checks left, calls
// and spans per run (support/overlap-audit.ts), and drives real runs end to end (support/run-overlapping.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startEmulator,
  type BuildSnapshot,
  type RequestLogEntry,
  type RequeueRecord,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { allSpansOverlap, auditOverlap, type RunTraffic } from './support/overlap-audit.js';
import { evenlySpaced, recordOfControl, runOverlapping } from './support/run-overlapping.js';

const requeue = (evaluationId: string): RequeueRecord => ({ evaluationId }) as RequeueRecord;
const build = (id: number, cancelledByRequeue: boolean): BuildSnapshot =>
  ({ id, cancelledByRequeue }) as BuildSnapshot;
const call = (userAgent: string, method: string, status: number, timeMs: number): RequestLogEntry =>
  ({ userAgent, method, status, timeMs, durationMs: 20 }) as RequestLogEntry;
const traffic = (firstArrivalMs: number, lastAnswerMs: number): RunTraffic => ({
  userAgent: 'x',
  calls: 1,
  patches: 0,
  span: { firstArrivalMs, lastAnswerMs },
});

describe('auditOverlap', () => {
  const audit = auditOverlap(
    new Set(['a', 'b', 'c']),
    {
      requeues: [requeue('a'), requeue('b'), requeue('a'), requeue('a'), requeue('z')],
      builds: [build(1, false), build(2, true), build(3, true)],
      requests: [
        call('run/1', 'GET', 200, 1000),
        call('run/1', 'PATCH', 200, 1100),
        call('run/2', 'GET', 200, 1050),
        call('run/2', 'PATCH', 503, 1200),
        call('run/2', 'PATCH', 200, 1300),
        call('someone else', 'GET', 200, 900),
      ],
    },
    ['run/1', 'run/2'],
  );

  it('counts checks requeued twice or more, and the builds queued for nothing', () => {
    expect(audit.requeues).toBe(5);
    expect(audit.requeuedTwice).toEqual(['a']);
    expect(audit.extraRequeues).toBe(2);
  });

  it('lists cancelled builds, expected checks left and unexpected requeues', () => {
    expect(audit.cancelledBuilds).toEqual([2, 3]);
    expect(audit.left).toEqual(['c']);
    expect(audit.unexpected).toEqual(['z']);
  });

  it('tells the runs apart by User-Agent: calls, answered PATCHes and span', () => {
    expect(audit.runs.map((run) => [run.calls, run.patches])).toEqual([
      [2, 1],
      [3, 1],
    ]);
    expect(audit.runs[1]?.span).toEqual({ firstArrivalMs: 1050, lastAnswerMs: 1320 });
    expect(audit.calls).toBe(5);
  });
});

describe('allSpansOverlap', () => {
  it('is true only when the latest start comes before the earliest end', () => {
    expect(allSpansOverlap([traffic(0, 1000), traffic(300, 1300), traffic(900, 1900)])).toBe(true);
    expect(allSpansOverlap([traffic(0, 1000), traffic(300, 1300), traffic(1000, 1900)])).toBe(false);
    expect(allSpansOverlap([traffic(0, 1000), { userAgent: 'y', calls: 0, patches: 0 }])).toBe(false);
  });
});

describe('runOverlapping, one run', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      scenario: { seed: 5, generate: { pullRequests: 60, projects: 2, expiredFraction: 0.5, seed: 5 } },
    });
  });
  afterAll(() => emulator.close());

  it('requeues every expected check once, and counts its calls from the request log', async () => {
    const expected = expectedRequeues(emulator.control.state());
    const outcome = await runOverlapping({
      orgUrl: emulator.orgUrl,
      token: emulator.tokens.jobToken,
      record: recordOfControl(emulator.control),
      expected,
      startOffsetsMs: evenlySpaced(1, 300),
    });
    const [run] = outcome.audit.runs;

    expect(expected.size).toBeGreaterThan(15);
    expect(outcome.audit.left).toEqual([]);
    expect(outcome.audit.requeuedTwice).toEqual([]);
    expect(outcome.audit.cancelledBuilds).toEqual([]);
    expect(run?.calls).toBe(emulator.control.requestLog().length);
    expect(run?.patches).toBe(expected.size);
    expect(outcome.reports[0]?.summary?.requeued).toBe(expected.size);
  });
});
