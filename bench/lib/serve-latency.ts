// The serve scenario's arithmetic, pure so serve-latency.test.ts can prove it: for one push, from the
// emulator's records, how long until the last requeue PATCH was answered and how long serve took to answer
// the delivery; then p50/p99 over the pushes.
import { percentile } from './bench-math.js';
import type { Table } from './format-table.js';
import { target, type Target } from './summarize.js';

export interface PushRecords {
  /** When the emulator created the notification, i.e. the push (emulator clock, epoch ms). */
  readonly pushedAtMs: number;
  /** When the delivery's first attempt was answered (same clock). */
  readonly deliveryAnsweredAtMs: number | undefined;
  /** Every REST request the emulator served after the push: arrival time, how long it took, method. */
  readonly requests: readonly {
    readonly timeMs: number;
    readonly durationMs: number;
    readonly method: string;
  }[];
}

export interface PushLatency {
  readonly pushToLastPatchMs: number | undefined;
  readonly deliveryAnswerMs: number | undefined;
  /** Push → serve's first REST call (the settle wait starts there). */
  readonly firstCallMs: number | undefined;
  readonly requests: number;
  readonly patches: number;
}

export function pushLatency(records: PushRecords): PushLatency {
  const patches = records.requests.filter((request) => request.method === 'PATCH');
  const ends = patches.map((patch) => patch.timeMs + patch.durationMs);
  const starts = records.requests.map((request) => request.timeMs);
  return {
    pushToLastPatchMs: ends.length === 0 ? undefined : Math.max(...ends) - records.pushedAtMs,
    deliveryAnswerMs:
      records.deliveryAnsweredAtMs === undefined
        ? undefined
        : records.deliveryAnsweredAtMs - records.pushedAtMs,
    firstCallMs: starts.length === 0 ? undefined : Math.min(...starts) - records.pushedAtMs,
    requests: records.requests.length,
    patches: patches.length,
  };
}

export interface ServeSummary {
  readonly pushes: number;
  readonly pushToLastPatch: { readonly p50Ms?: number; readonly p99Ms?: number };
  readonly deliveryAnswer: { readonly p50Ms?: number; readonly p99Ms?: number };
  /** Each push requeued exactly the expected number of checks. */
  readonly allCorrect: boolean;
}

const defined = (values: readonly (number | undefined)[]): number[] =>
  values.filter((value): value is number => value !== undefined);

export function summarizeServe(latencies: readonly PushLatency[], expectedPatches: number): ServeSummary {
  const last = defined(latencies.map((latency) => latency.pushToLastPatchMs));
  const answer = defined(latencies.map((latency) => latency.deliveryAnswerMs));
  const stats = (values: number[]) => {
    const p50 = percentile(values, 50);
    const p99 = percentile(values, 99);
    return { ...(p50 === undefined ? {} : { p50Ms: p50 }), ...(p99 === undefined ? {} : { p99Ms: p99 }) };
  };
  return {
    pushes: latencies.length,
    pushToLastPatch: stats(last),
    deliveryAnswer: stats(answer),
    allCorrect:
      latencies.length > 0 &&
      latencies.every(
        (latency) => latency.patches === expectedPatches && latency.deliveryAnswerMs !== undefined,
      ),
  };
}

/** Issue 14's serve targets: p50 ≤ 1 s and p99 ≤ 2 s push → last PATCH; delivery answered ≤ 100 ms at p99. */
export function serveTargets(summary: ServeSummary): Target[] {
  return [
    target('serve: push → last requeue PATCH, p50', summary.pushToLastPatch.p50Ms, 1000, 'ms', false),
    target('serve: push → last requeue PATCH, p99', summary.pushToLastPatch.p99Ms, 2000, 'ms', false),
    target('serve: delivery answered, p99', summary.deliveryAnswer.p99Ms, 100, 'ms', false),
    target(
      'serve: pushes that requeued exactly the expired checks',
      summary.allCorrect ? 100 : 0,
      100,
      '%',
      true,
    ),
  ];
}

const ms = (value: number | undefined): string => (value === undefined ? '–' : `${value.toFixed(0)} ms`);

export function serveTable(summary: ServeSummary): Table {
  return {
    headers: ['serve, over ' + String(summary.pushes) + ' pushes', 'p50', 'p99'],
    body: [
      [
        'push → last requeue PATCH answered',
        ms(summary.pushToLastPatch.p50Ms),
        ms(summary.pushToLastPatch.p99Ms),
      ],
      ['push → delivery answered', ms(summary.deliveryAnswer.p50Ms), ms(summary.deliveryAnswer.p99Ms)],
    ],
  };
}
