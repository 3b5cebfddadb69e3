// Judges one run from the emulator's records, not from the tool's own report: the calls it made (request
// log), the checks it requeued (requeue record) against the expected set, and the server-side timeline.
import { createHash } from 'node:crypto';
import type { RequestLogEntry, RequeueRecord } from '../../src/emulator/index.js';

export interface CallCounts {
  readonly total: number;
  readonly projects: number;
  readonly pages: number;
  readonly reads: number;
  readonly requeues: number;
  readonly other: number;
  /** Answers with status ≥ 400, or connections dropped without an answer. */
  readonly failed: number;
}

export interface RunCheck {
  readonly calls: CallCounts;
  readonly requeued: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly unexpected: number;
  /** Every expected check requeued exactly once and nothing else. */
  readonly correct: boolean;
  /** sha256 of the sorted requeued evaluation ids: equal fingerprints = the same set. */
  readonly fingerprint: string;
  /** First arrival to last answer at the emulator, in ms. */
  readonly serverSpanMs: number;
  /** From spawn to the first request arriving: Node start-up, imports, credential, setup. */
  readonly startupMs: number;
  /** From the last answer to the process's exit: planning leftovers, the report, exit. */
  readonly tailMs: number;
  /** Mean time a request spent in the emulator (injected latency included), in ms. */
  readonly meanRequestMs: number;
  /** Requests in flight on average over the server span (sum of request times / span). */
  readonly meanInFlight: number;
}

function countCalls(log: readonly RequestLogEntry[]): CallCounts {
  let projects = 0,
    pages = 0,
    reads = 0,
    requeues = 0,
    failed = 0;
  for (const entry of log) {
    const path = entry.path.toLowerCase();
    if (entry.status === 0 || entry.status >= 400) failed += 1;
    if (entry.method === 'GET' && path.endsWith('/_apis/projects')) projects += 1;
    else if (entry.method === 'GET' && path.endsWith('/_apis/git/pullrequests')) pages += 1;
    else if (entry.method === 'GET' && path.endsWith('/_apis/policy/evaluations')) reads += 1;
    else if (entry.method === 'PATCH' && path.includes('/_apis/policy/evaluations/')) requeues += 1;
  }
  const total = log.length;
  return {
    total,
    projects,
    pages,
    reads,
    requeues,
    other: total - projects - pages - reads - requeues,
    failed,
  };
}

export function checkRun(
  log: readonly RequestLogEntry[],
  record: readonly RequeueRecord[],
  expectedIds: readonly string[],
  run: { readonly startedAtMs: number; readonly endedAtMs: number },
): RunCheck {
  const ids = record.map((entry) => entry.evaluationId);
  const distinct = new Set(ids);
  const expected = new Set(expectedIds);
  const missing = [...expected].filter((id) => !distinct.has(id)).length;
  const unexpected = [...distinct].filter((id) => !expected.has(id)).length;
  const duplicates = ids.length - distinct.size;
  let first = Infinity;
  let last = -Infinity;
  let busyMs = 0;
  for (const entry of log) {
    first = Math.min(first, entry.timeMs);
    last = Math.max(last, entry.timeMs + entry.durationMs);
    busyMs += entry.durationMs;
  }
  const serverSpanMs = log.length > 0 ? last - first : 0;
  return {
    calls: countCalls(log),
    requeued: ids.length,
    duplicates,
    missing,
    unexpected,
    correct: missing === 0 && unexpected === 0 && duplicates === 0,
    fingerprint: createHash('sha256')
      .update([...distinct].sort().join('\n'))
      .digest('hex')
      .slice(0, 16),
    serverSpanMs,
    startupMs: log.length > 0 ? first - run.startedAtMs : 0,
    tailMs: log.length > 0 ? run.endedAtMs - last : 0,
    meanRequestMs: log.length > 0 ? busyMs / log.length : 0,
    meanInFlight: serverSpanMs > 0 ? busyMs / serverSpanMs : 0,
  };
}
