// `npm run bench`: azdo-requeue against the sequential baseline on the emulator with injected latency.
// Writes bench/results.json and bench/chart.svg (BENCH_QUICK=1: a smaller set, written to bench/out/) and
// prints the table. BENCH_DIST points at another build (default dist/). BENCH_SERVE_ONLY=1 runs only the serve
// scenario (push → requeue through `azdo-requeue serve`), writes serve.json and redraws chart.svg with the last full
// run's CLI figures beside it. BENCH_OVERLAP_ONLY=1 runs only the overlapping-runs sweep (issue 15.A) and writes
// overlap.json. docs/performance.md explains it all.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startEmulatorInProcess,
  startEmulatorProcess,
  type StartedEmulator,
} from './lib/emulator-process.js';
import { computeExpectedWork, countExpectedWork } from './lib/expected-work.js';
import { renderText, resultsTable, targetsTable, timelineTable, type Row } from './lib/format-table.js';
import { describeMachine } from './lib/describe-machine.js';
import { measureOverlap } from './lib/measure-overlap.js';
import { measureServe } from './lib/measure-serve.js';
import { overlapTable } from './lib/overlap-summary.js';
import { measureColdStart, measureEmulatorThroughput } from './lib/measure-startup.js';
import {
  DEFAULT_CONCURRENCY,
  EXPIRED_FRACTION,
  planCells,
  planWhatIfCells,
  scenarioJson,
  SEED,
  TOOL_NAMES,
  type CellPlan,
} from './lib/plan-cells.js';
import { buildChart, checkTargets, servePoint } from './lib/report-results.js';
import { runTool, type Sample } from './lib/run-tool.js';
import { serveTable, serveTargets } from './lib/serve-latency.js';
import { summarizeCell } from './lib/summarize.js';
import { writeDocsSection } from './lib/write-docs-section.js';

const quick = process.env['BENCH_QUICK'] === '1';
const repository = fileURLToPath(new URL('..', import.meta.url));
const distDir = resolve(repository, process.env['BENCH_DIST'] ?? 'dist');
const outDir = quick ? join(repository, 'bench', 'out') : join(repository, 'bench');
// The measured processes get a minimal environment: nothing of the runner's (proxies, tokens) leaks in.
const baseEnv = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LANG: 'C.UTF-8' };
const scratch = mkdtempSync(join(tmpdir(), 'azdo-bench-scenarios-'));
const say = (text: string): void => void process.stderr.write(`${text}\n`);

/** Cells that share a scenario and an emulator placement run on one emulator, reset before every run. */
function groupCells(cells: readonly CellPlan[]): CellPlan[][] {
  const groups = new Map<string, CellPlan[]>();
  for (const cell of cells) {
    const key = `${cell.scenario.pullRequests}-${cell.scenario.kind}-${cell.placement}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()];
}

async function startFor(cell: CellPlan): Promise<StartedEmulator> {
  const file = join(scratch, `${cell.scenario.pullRequests}-${cell.scenario.kind}.json`);
  writeFileSync(file, scenarioJson(cell.scenario));
  return cell.placement === 'process'
    ? startEmulatorProcess(distDir, file)
    : startEmulatorInProcess(distDir, file);
}

async function runCells(cells: readonly CellPlan[]) {
  const results = [];
  for (const group of groupCells(cells)) {
    const first = group[0] as CellPlan;
    const emulator = await startFor(first);
    try {
      await emulator.control.reset();
      const expected = computeExpectedWork(await emulator.control.state());
      for (const cell of group) {
        const samples: Sample[] = [];
        const rounds = Math.max(...TOOL_NAMES.map((tool) => cell.runs[tool] ?? 0));
        // Alternate the tools round by round, so slow drifts of the machine hit both alike.
        for (let round = 0; round < rounds; round++) {
          for (const tool of TOOL_NAMES) {
            if (round >= (cell.runs[tool] ?? 0)) continue;
            const sample = await runTool(tool, cell, emulator, expected, { distDir, baseEnv });
            samples.push(sample);
            say(
              `[${cell.id}] ${tool} ${round + 1}/${cell.runs[tool] ?? 0}: ${(sample.wallMs / 1000).toFixed(2)} s, ` +
                `${sample.check.calls.total} calls, ${((sample.maxRssBytes ?? 0) / 2 ** 20).toFixed(0)} MB, ` +
                `${sample.check.correct && sample.exitCode === 0 ? 'correct' : `WRONG ${sample.error ?? ''}`}`,
            );
          }
        }
        results.push({
          cell,
          expected: countExpectedWork(expected),
          samples,
          summary: summarizeCell(cell, samples, expected),
        });
      }
    } finally {
      await emulator.close();
    }
  }
  return results;
}

async function runServe() {
  say('serve: push → requeue through azdo-requeue serve');
  return measureServe({ distDir, baseEnv, scratch, pushes: quick ? 5 : 21, say });
}

async function serveOnly(): Promise<number> {
  const serve = await runServe();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'serve.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: describeMachine(repository), serve }, null, 2)}\n`,
  );
  // The chart shows serve beside the CLI: redraw it with the last full run's CLI figures and these.
  const fullRun = join(outDir, 'results.json');
  if (existsSync(fullRun)) {
    const { cells } = JSON.parse(readFileSync(fullRun, 'utf8')) as { cells: Row[] };
    writeFileSync(join(outDir, 'chart.svg'), buildChart(cells, servePoint(serve)));
  }
  process.stdout.write(`\n${renderText(serveTable(serve.summary))}\n\n`);
  process.stdout.write(`${renderText(targetsTable(serveTargets(serve.summary)))}\n`);
  return serve.summary.allCorrect ? 0 : 1;
}

/** Reports facts only: doubles and cancelled builds are what it measures, so only a run that could not be made fails. */
async function overlapOnly(): Promise<number> {
  say('overlap: K runs on the same scope started a few ms apart (1,000 PRs, 20 ms per call)');
  const overlap = await measureOverlap({ distDir, scratch, repetitions: quick ? 1 : 3, say });
  mkdirSync(outDir, { recursive: true });
  const source = process.env['BENCH_SOURCE'] ?? 'the working tree (npm run build)';
  writeFileSync(
    join(outDir, 'overlap.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: describeMachine(repository), source, overlap }, null, 2)}\n`,
  );
  process.stdout.write(`\n${renderText(overlapTable(overlap.cells))}\n\n`);
  process.stdout.write(
    `${overlap.settings.expectedRequeues} expected requeues; one run's floor: ${overlap.settings.floorCalls} calls. ` +
      `wrote ${join(outDir, 'overlap.json')}\n`,
  );
  return overlap.cells.some((cell) => cell.failedRuns > 0) ? 1 : 0;
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const machineAtStart = describeMachine(repository);
  say(
    `azdo-requeue benchmark (${quick ? 'BENCH_QUICK' : 'full'}), ${machineAtStart.cpus} cores, load ${machineAtStart.loadAverage.join(' ')}`,
  );
  if (process.env['BENCH_SERVE_ONLY'] === '1') return serveOnly();
  if (process.env['BENCH_OVERLAP_ONLY'] === '1') return overlapOnly();
  const whatIf = process.env['BENCH_WHAT_IF'] === '1';
  const cells = await runCells([...planCells(quick), ...(whatIf ? planWhatIfCells() : [])]);
  say('cold start: azdo-requeue --version');
  const coldStart = await measureColdStart(distDir, quick ? 15 : 21, baseEnv);
  say('emulator throughput');
  const throughputEmulator = await startFor(planCells(true)[0] as CellPlan);
  const emulatorThroughput = await measureEmulatorThroughput(
    throughputEmulator,
    baseEnv,
    quick ? 2000 : 5000,
  ).finally(() => throughputEmulator.close());
  const serve = await runServe();
  const rows: Row[] = cells.map(({ cell, summary }) => ({ cell, summary }));
  const targets = [...checkTargets(rows, coldStart, emulatorThroughput), ...serveTargets(serve.summary)];
  const results = {
    schemaVersion: 1,
    generatedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    quick,
    machine: { ...machineAtStart, loadAverageAtEnd: describeMachine(repository).loadAverage },
    settings: {
      distDir,
      // What BENCH_DIST was built from when it is not this working tree, e.g. "git archive of cf516b3".
      source: process.env['BENCH_SOURCE'] ?? 'the working tree (npm run build)',
      seed: SEED,
      expiredFraction: EXPIRED_FRACTION,
      defaultConcurrency: DEFAULT_CONCURRENCY,
    },
    cells,
    coldStart,
    emulatorThroughput,
    serve,
    targets,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'chart.svg'), buildChart(rows, servePoint(serve)));
  const docs = join(repository, 'docs', 'performance.md');
  const docsUpdated = !quick && writeDocsSection(docs, { ...results, rows });
  process.stdout.write(`\n${renderText(resultsTable(rows))}\n\n`);
  process.stdout.write(
    'Where the time went (medians; requests = first arrival to last answer at the emulator):\n',
  );
  process.stdout.write(`${renderText(timelineTable(rows))}\n\n`);
  process.stdout.write(
    `--version cold start: median ${coldStart.medianMs.toFixed(0)} ms of ${coldStart.runs} ` +
      `(node -e "" alone: ${coldStart.nodeFloorMedianMs.toFixed(0)} ms)\n` +
      `emulator: ${emulatorThroughput.requestsPerSecond.toFixed(0)} GETs/s from one process (keep-alive client in another)\n\n`,
  );
  process.stdout.write(`serve, push → requeue:\n${renderText(serveTable(serve.summary))}\n\n`);
  process.stdout.write(`${renderText(targetsTable(targets))}\n\n`);
  process.stdout.write(
    `wrote ${join(outDir, 'results.json')}, ${join(outDir, 'chart.svg')}${docsUpdated ? ` and ${docs}` : ''}\n`,
  );
  const allCorrect = rows.every((row) => Object.values(row.summary.tools).every((tool) => tool.allCorrect));
  return allCorrect && serve.summary.allCorrect ? 0 : 1;
}

try {
  process.exitCode = await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
