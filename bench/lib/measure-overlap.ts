// The overlapping-runs scenario (issue 15.A, BENCH_OVERLAP_ONLY=1): K full runs on the same scope started a few
// ms apart against one emulator in its own process (1,000 PRs, 20 ms per call), through the library of the build
// measured (BENCH_DIST) by the same harness as test/reliability/overlapping-runs.test.ts. It reports what
// happened (checks requeued twice, builds cancelled, calls), and fails only when it could not measure.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allSpansOverlap } from '../../test/reliability/support/overlap-audit.js';
import {
  evenlySpaced,
  runOverlapping,
  type OverlapLibrary,
  type OverlapOutcome,
} from '../../test/reliability/support/run-overlapping.js';
import { startEmulatorProcess, type StartedEmulator } from './emulator-process.js';
import { computeExpectedWork, type ExpectedWork } from './expected-work.js';
import { summarizeOverlap, type OverlapCell, type OverlapSample } from './overlap-summary.js';
import { scenarioJson } from './plan-cells.js';

export const OVERLAP_LATENCY_MS = 20;
export const OVERLAP_PULL_REQUESTS = 1000;
const SPACINGS_MS = [0, 25, 50, 100, 200, 300];
const RUN_COUNTS = [2, 4];

export interface OverlapMeasurement {
  readonly settings: {
    readonly pullRequests: number;
    readonly latencyMs: number;
    readonly repetitions: number;
    readonly expectedRequeues: number;
    /** pages + PRs read + requeues for one run (docs/performance.md). */
    readonly floorCalls: number;
  };
  /** One run alone first (the reference for calls and time), then every runs × spacing cell. */
  readonly cells: readonly OverlapCell[];
  readonly samples: readonly OverlapSample[];
}

interface OverlapOptions {
  readonly distDir: string;
  readonly scratch: string;
  readonly repetitions: number;
  readonly say: (text: string) => void;
}

function sampleOf(runs: number, spacingMs: number, outcome: OverlapOutcome): OverlapSample {
  const { audit } = outcome;
  const firstArrivals = audit.runs.map((run) => run.span?.firstArrivalMs ?? Number.NaN);
  const firstArrival = firstArrivals[0] ?? Number.NaN;
  return {
    runs,
    spacingMs,
    expected: audit.expected,
    doubles: audit.requeuedTwice.length,
    extraRequeues: audit.extraRequeues,
    cancelledBuilds: audit.cancelledBuilds.length,
    left: audit.left.length,
    unexpected: audit.unexpected.length,
    totalCalls: audit.calls,
    callsPerRun: audit.runs.map((run) => run.calls),
    wallMs: outcome.wallMs,
    overlapped: runs > 1 && allSpansOverlap(audit.runs),
    startGapsMs: firstArrivals.slice(1).map((arrival) => arrival - firstArrival),
    reports: outcome.reports.map((report) => ({
      ...(report.summary === undefined
        ? {}
        : { requeued: report.summary.requeued, skipped: report.summary.skipped }),
      ...(report.skipReasons === undefined ? {} : { skipReasons: report.skipReasons }),
      ...(report.error === undefined ? {} : { error: report.error }),
    })),
  };
}

/** One batch on a freshly reset emulator (reset also restores its start-up latency, so it is set again). */
async function batch(
  emulator: StartedEmulator,
  library: OverlapLibrary,
  runs: number,
  spacingMs: number,
): Promise<{ sample: OverlapSample; work: ExpectedWork }> {
  const { control } = emulator;
  await control.reset();
  await control.setLatency(OVERLAP_LATENCY_MS);
  const work = computeExpectedWork(await control.state());
  const outcome = await runOverlapping({
    orgUrl: emulator.orgUrl,
    token: emulator.jobToken,
    record: {
      requeues: () => control.requeues(),
      builds: async () => (await control.state()).builds,
      requests: () => control.requests(),
    },
    expected: new Set(work.requeueIds),
    startOffsetsMs: evenlySpaced(runs, spacingMs),
    library,
  });
  return { sample: sampleOf(runs, spacingMs, outcome), work };
}

export async function measureOverlap(options: OverlapOptions): Promise<OverlapMeasurement> {
  const file = join(options.scratch, 'overlap.json');
  writeFileSync(file, scenarioJson({ pullRequests: OVERLAP_PULL_REQUESTS, kind: 'clean' }));
  const library = (await import(pathToFileURL(join(options.distDir, 'index.js')).href)) as OverlapLibrary;
  const emulator = await startEmulatorProcess(options.distDir, file);
  try {
    const plan = [
      { runs: 1, spacingMs: 0 },
      ...RUN_COUNTS.flatMap((runs) => SPACINGS_MS.map((spacingMs) => ({ runs, spacingMs }))),
    ];
    const samples: OverlapSample[] = [];
    const cells: OverlapCell[] = [];
    let work: ExpectedWork | undefined;
    let oneRunCalls: number | undefined;
    for (const { runs, spacingMs } of plan) {
      const cellSamples: OverlapSample[] = [];
      for (let repetition = 0; repetition < options.repetitions; repetition++) {
        const measured = await batch(emulator, library, runs, spacingMs);
        work = measured.work;
        cellSamples.push(measured.sample);
        const { sample } = measured;
        options.say(
          `[overlap] ${runs} × ${spacingMs} ms ${repetition + 1}/${options.repetitions}: ${sample.doubles} doubles, ` +
            `${sample.cancelledBuilds} cancelled, ${sample.left} left, calls ${sample.callsPerRun.join(' + ')}, ` +
            `${(sample.wallMs / 1000).toFixed(2)} s${runs > 1 && !sample.overlapped ? ', did not overlap' : ''}`,
        );
      }
      const cell = summarizeOverlap(cellSamples, oneRunCalls, work?.minimalCalls ?? 0);
      if (runs === 1) oneRunCalls = cell.totalCallsMedian;
      cells.push(runs === 1 ? { ...cell, callsVsOneRun: 1 } : cell);
      samples.push(...cellSamples);
    }
    return {
      settings: {
        pullRequests: OVERLAP_PULL_REQUESTS,
        latencyMs: OVERLAP_LATENCY_MS,
        repetitions: options.repetitions,
        expectedRequeues: work?.requeueIds.length ?? 0,
        floorCalls: work?.minimalCalls ?? 0,
      },
      cells,
      samples,
    };
  } finally {
    await emulator.close();
  }
}
