// The overlapping-runs scenario's arithmetic, pure so overlap-summary.test.ts can prove it: one sample per batch
// of K runs started `spacingMs` apart (figures from the emulator's record), then per cell the median and worst
// doubles and cancelled builds, and the calls against one run alone and against the floor.
import { median } from './bench-math.js';
import type { Table } from './format-table.js';

export interface OverlapSample {
  readonly runs: number;
  readonly spacingMs: number;
  readonly expected: number;
  /** Checks requeued twice or more, across the runs. */
  readonly doubles: number;
  /** Requeues beyond the first of each check. */
  readonly extraRequeues: number;
  readonly cancelledBuilds: number;
  /** Expected checks no run requeued. */
  readonly left: number;
  readonly unexpected: number;
  readonly totalCalls: number;
  readonly callsPerRun: readonly number[];
  /** First run's start to last run's end. */
  readonly wallMs: number;
  /** Every run was at work while every other was (request log spans). */
  readonly overlapped: boolean;
  /** Each run's first call after the first run's, at the emulator: the spacing that really happened. */
  readonly startGapsMs: readonly number[];
  /** Per run: requeued and skipped as the run reported them, and its skip reasons (diagnostics). */
  readonly reports: readonly {
    readonly requeued?: number;
    readonly skipped?: number;
    readonly skipReasons?: Readonly<Record<string, number>>;
    readonly error?: string;
  }[];
}

export interface OverlapCell {
  readonly runs: number;
  readonly spacingMs: number;
  readonly samples: number;
  readonly expected: number;
  readonly doubles: { readonly median: number; readonly max: number };
  readonly cancelledBuilds: { readonly median: number; readonly max: number };
  readonly leftMax: number;
  readonly totalCallsMedian: number;
  /** Median total calls over the median calls of one run alone on the same organization. */
  readonly callsVsOneRun: number | undefined;
  /** Median over samples of the busiest run's calls over the floor (pages + PRs read + requeues). */
  readonly busiestRunVsFloor: number | undefined;
  readonly wallMedianMs: number;
  readonly overlappedSamples: number;
  readonly failedRuns: number;
}

const medianOf = (values: readonly number[]): number => median(values) ?? Number.NaN;

export function summarizeOverlap(
  samples: readonly OverlapSample[],
  oneRunCalls: number | undefined,
  floorCalls: number,
): OverlapCell {
  const first = samples[0];
  if (first === undefined) throw new RangeError('a cell needs at least one sample');
  const totalCallsMedian = medianOf(samples.map((sample) => sample.totalCalls));
  return {
    runs: first.runs,
    spacingMs: first.spacingMs,
    samples: samples.length,
    expected: first.expected,
    doubles: {
      median: medianOf(samples.map((sample) => sample.doubles)),
      max: Math.max(...samples.map((sample) => sample.doubles)),
    },
    cancelledBuilds: {
      median: medianOf(samples.map((sample) => sample.cancelledBuilds)),
      max: Math.max(...samples.map((sample) => sample.cancelledBuilds)),
    },
    leftMax: Math.max(...samples.map((sample) => sample.left)),
    totalCallsMedian,
    callsVsOneRun:
      oneRunCalls === undefined || oneRunCalls === 0 ? undefined : totalCallsMedian / oneRunCalls,
    busiestRunVsFloor:
      floorCalls > 0
        ? medianOf(samples.map((sample) => Math.max(...sample.callsPerRun) / floorCalls))
        : undefined,
    wallMedianMs: medianOf(samples.map((sample) => sample.wallMs)),
    overlappedSamples: samples.filter((sample) => sample.overlapped).length,
    failedRuns: samples.reduce((sum, sample) => sum + sample.reports.filter((r) => r.error).length, 0),
  };
}

const ratio = (value: number | undefined, digits = 2): string =>
  value === undefined ? '–' : `${value.toFixed(digits)} ×`;

export function overlapTable(cells: readonly OverlapCell[]): Table {
  return {
    headers: [
      'runs',
      'apart',
      'samples',
      'expected',
      'doubles med/max',
      'cancelled med/max',
      'left max',
      'calls (median)',
      'vs one run',
      'busiest run vs floor',
      'wall (median)',
      'overlapped',
      'failed runs',
    ],
    body: cells.map((cell) => [
      String(cell.runs),
      `${cell.spacingMs} ms`,
      String(cell.samples),
      String(cell.expected),
      `${cell.doubles.median} / ${cell.doubles.max}`,
      `${cell.cancelledBuilds.median} / ${cell.cancelledBuilds.max}`,
      String(cell.leftMax),
      cell.totalCallsMedian.toLocaleString('en-US'),
      ratio(cell.callsVsOneRun),
      // Three digits: the calls target is 1.02 × the floor.
      ratio(cell.busiestRunVsFloor, 3),
      `${(cell.wallMedianMs / 1000).toFixed(2)} s`,
      `${cell.overlappedSamples}/${cell.samples}`,
      String(cell.failedRuns),
    ]),
  };
}
