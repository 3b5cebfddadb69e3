// One sample: reset the emulator to the scenario's start, run one tool as a child process, then judge the
// run from the emulator's request log and requeue record.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRun, type RunCheck } from './check-run.js';
import type { StartedEmulator } from './emulator-process.js';
import type { ExpectedWork } from './expected-work.js';
import type { CellPlan, ToolName } from './plan-cells.js';
import { runMeasured } from './run-measured.js';

export interface Sample {
  readonly tool: ToolName;
  readonly wallMs: number;
  readonly maxRssBytes: number | undefined;
  /** CPU time of the measured process itself, in ms. */
  readonly cpuMs: number | undefined;
  readonly exitCode: number | null;
  readonly check: RunCheck;
  /** CPU the emulator used during the run, in ms (to show it was not the bottleneck). */
  readonly emulatorCpuMs: number | undefined;
  /** 1-minute load average just before the run: other work on the machine skews timings. */
  readonly loadAverage: number;
  /** The first lines of stderr when the run failed. */
  readonly error?: string;
}

const BASELINE = fileURLToPath(new URL('../baseline.mjs', import.meta.url));
const WHAT_IF = fileURLToPath(new URL('../what-if-transport.mjs', import.meta.url));

/** Only what each tool needs, so nothing from the runner's environment changes its behaviour. */
function commandFor(
  tool: ToolName,
  emulator: StartedEmulator,
  cell: CellPlan,
  distDir: string,
  baseEnv: Record<string, string>,
) {
  if (tool === 'baseline') {
    return {
      args: [BASELINE],
      env: {
        ...baseEnv,
        SYSTEM_COLLECTIONURI: emulator.orgUrl,
        SYSTEM_TEAMPROJECTID: emulator.projectId,
        SYSTEM_ACCESSTOKEN: emulator.jobToken,
      },
    };
  }
  if (tool === 'lib-fetch' || tool === 'lib-node-http') {
    const transport = tool === 'lib-fetch' ? 'fetch' : 'node-http';
    return {
      args: [WHAT_IF, distDir, emulator.orgUrl, transport, String(cell.concurrency)],
      env: {
        ...baseEnv,
        SYSTEM_ACCESSTOKEN: emulator.jobToken,
      },
    };
  }
  const concurrency = cell.concurrency === 8 ? [] : ['--concurrency', String(cell.concurrency)];
  return {
    args: [
      join(distDir, 'cli', 'main.js'),
      '--org',
      emulator.orgUrl,
      '--all-projects',
      '--output',
      'json',
      ...concurrency,
    ],
    env: { ...baseEnv, SYSTEM_ACCESSTOKEN: emulator.jobToken },
  };
}

export async function runTool(
  tool: ToolName,
  cell: CellPlan,
  emulator: StartedEmulator,
  expected: ExpectedWork,
  options: { distDir: string; baseEnv: Record<string, string> },
): Promise<Sample> {
  await emulator.control.reset();
  await emulator.control.setLatency(cell.latencyMs);
  const loadAverage = loadavg()[0] ?? 0;
  const cpuBefore = emulator.cpuMs();
  const run = await runMeasured(commandFor(tool, emulator, cell, options.distDir, options.baseEnv));
  const cpuAfter = emulator.cpuMs();
  const [log, record] = await Promise.all([emulator.control.requests(), emulator.control.requeues()]);
  // The baseline recipe requeues every expired build check; azdo-requeue skips drafts and conflicts by design.
  const expectedIds = tool === 'baseline' ? expected.allExpiredIds : expected.requeueIds;
  const failed = run.exitCode !== 0;
  return {
    tool,
    wallMs: run.wallMs,
    maxRssBytes: run.maxRssBytes,
    cpuMs: run.cpuMs,
    exitCode: run.exitCode,
    check: checkRun(log, record, expectedIds, run),
    emulatorCpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    loadAverage,
    ...(failed ? { error: run.stderr.split('\n').slice(0, 5).join('\n') } : {}),
  };
}
