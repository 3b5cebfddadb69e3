// Judges overlapping runs from the emulator's own record only (requeue records, builds, request log): checks
// requeued more than once, builds cancelled by a requeue, expected checks left un-requeued, and each run's calls
// and time span, told apart by the User-Agent each run was given. Never from what the runs reported.
import type { BuildSnapshot, RequestLogEntry, RequeueRecord } from '../../../src/emulator/index.js';

/** What the emulator recorded since it was last reset (the audit assumes nothing else ran since). */
export interface EmulatorRecordSnapshot {
  readonly requeues: readonly RequeueRecord[];
  readonly builds: readonly BuildSnapshot[];
  readonly requests: readonly RequestLogEntry[];
}

/** One run's figures from the request log. */
export interface RunTraffic {
  readonly userAgent: string;
  /** Every REST call the emulator received from the run (retries and faults included). */
  readonly calls: number;
  /** PATCHes the emulator answered with a 2xx. */
  readonly patches: number;
  /** Arrival of the run's first call and answer of its last, wall-clock epoch ms; undefined when it sent none. */
  readonly span?: { readonly firstArrivalMs: number; readonly lastAnswerMs: number };
}

export interface OverlapAudit {
  readonly expected: number;
  /** Requeues the emulator performed (one record per successful PATCH), over all runs. */
  readonly requeues: number;
  /** Evaluations requeued twice or more, across runs. */
  readonly requeuedTwice: readonly string[];
  /** Requeues beyond the first of each evaluation: builds queued for nothing. */
  readonly extraRequeues: number;
  /** Builds the emulator cancelled because a requeue replaced them while queued or running. */
  readonly cancelledBuilds: readonly number[];
  /** Expected checks no run requeued. */
  readonly left: readonly string[];
  /** Requeued checks the rules did not select. */
  readonly unexpected: readonly string[];
  /** Per run, in the order of `userAgents`. */
  readonly runs: readonly RunTraffic[];
  /** Calls of all runs together. */
  readonly calls: number;
}

function trafficOf(userAgent: string, requests: readonly RequestLogEntry[]): RunTraffic {
  const own = requests.filter((entry) => entry.userAgent === userAgent);
  const patches = own.filter(
    (entry) => entry.method === 'PATCH' && entry.status >= 200 && entry.status < 300,
  );
  if (own.length === 0) return { userAgent, calls: 0, patches: 0 };
  const firstArrivalMs = Math.min(...own.map((entry) => entry.timeMs));
  const lastAnswerMs = Math.max(...own.map((entry) => entry.timeMs + entry.durationMs));
  return { userAgent, calls: own.length, patches: patches.length, span: { firstArrivalMs, lastAnswerMs } };
}

export function auditOverlap(
  expected: ReadonlySet<string>,
  record: EmulatorRecordSnapshot,
  userAgents: readonly string[],
): OverlapAudit {
  const perEvaluation = new Map<string, number>();
  for (const requeue of record.requeues) {
    perEvaluation.set(requeue.evaluationId, (perEvaluation.get(requeue.evaluationId) ?? 0) + 1);
  }
  const runs = userAgents.map((userAgent) => trafficOf(userAgent, record.requests));
  return {
    expected: expected.size,
    requeues: record.requeues.length,
    requeuedTwice: [...perEvaluation].filter(([, count]) => count > 1).map(([id]) => id),
    extraRequeues: [...perEvaluation.values()].reduce((sum, count) => sum + count - 1, 0),
    cancelledBuilds: record.builds.filter((build) => build.cancelledByRequeue).map((build) => build.id),
    left: [...expected].filter((id) => !perEvaluation.has(id)),
    unexpected: [...perEvaluation.keys()].filter((id) => !expected.has(id)),
    runs,
    calls: runs.reduce((sum, run) => sum + run.calls, 0),
  };
}

/**
 * Whether every run was at work while every other was: the latest first call arrived before the earliest last
 * answer. Without it, a test of overlapping runs proves nothing about overlap.
 */
export function allSpansOverlap(runs: readonly RunTraffic[]): boolean {
  const spans = runs.map((run) => run.span);
  if (spans.length === 0 || spans.some((span) => span === undefined)) return false;
  const latestStart = Math.max(...spans.map((span) => span?.firstArrivalMs ?? Infinity));
  const earliestEnd = Math.min(...spans.map((span) => span?.lastAnswerMs ?? -Infinity));
  return latestStart < earliestEnd;
}
