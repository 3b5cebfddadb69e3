// Two figures that need no scenario run: `azdo-requeue --version` cold start (each run a new Node process,
// as a pipeline step is), and how many simple GETs one emulator process serves per second.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './bench-math.js';
import type { StartedEmulator } from './emulator-process.js';
import { runMeasured } from './run-measured.js';

export interface ColdStart {
  readonly runs: number;
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  /** `node -e ""` on the same machine: the floor no CLI can go below. */
  readonly nodeFloorMedianMs: number;
}

const WARM_UP_RUNS = 2;

async function timeRuns(
  args: readonly string[],
  runs: number,
  env: Record<string, string>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP_RUNS + runs; i++) {
    const run = await runMeasured({ args, env, recordRss: false, timeoutMs: 30_000 });
    if (run.exitCode !== 0) throw new Error(`${args.join(' ')} exited with ${run.exitCode}: ${run.stderr}`);
    // The first runs only warm the OS file cache, as any earlier step of a pipeline would have.
    if (i >= WARM_UP_RUNS) samples.push(run.wallMs);
  }
  return samples;
}

export async function measureColdStart(
  distDir: string,
  runs: number,
  env: Record<string, string>,
): Promise<ColdStart> {
  const samplesMs = await timeRuns([join(distDir, 'cli', 'main.js'), '--version'], runs, env);
  const floor = await timeRuns(['-e', ''], runs, env);
  return { runs, samplesMs, medianMs: median(samplesMs) ?? NaN, nodeFloorMedianMs: median(floor) ?? NaN };
}

export interface EmulatorThroughput {
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly connections: number;
  /** Emulator CPU time / the load client's lifetime (warm-up included): 1.0 = one core busy. */
  readonly emulatorCoreShare: number | undefined;
  readonly path: string;
}

const LOAD_CLIENT = fileURLToPath(new URL('../load-client.mjs', import.meta.url));

/** Loads an emulator (latency 0) with keep-alive GETs of one PR's policy evaluations from another process. */
export async function measureEmulatorThroughput(
  emulator: StartedEmulator,
  env: Record<string, string>,
  durationMs: number,
): Promise<EmulatorThroughput> {
  await emulator.control.reset();
  await emulator.control.setLatency(0);
  const artifactId = `vstfs:///CodeReview/CodeReviewId/${emulator.projectId}/1`;
  const url = `${emulator.orgUrl}/${emulator.projectId}/_apis/policy/evaluations?artifactId=${encodeURIComponent(artifactId)}&api-version=7.1-preview.1`;
  const cpuBefore = emulator.cpuMs();
  const run = await runMeasured({
    args: [LOAD_CLIENT, url, emulator.jobToken, String(durationMs), '8'],
    env,
    recordRss: false,
    timeoutMs: durationMs + 60_000,
  });
  const cpuAfter = emulator.cpuMs();
  if (run.exitCode !== 0) throw new Error(`load client failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as Omit<EmulatorThroughput, 'emulatorCoreShare' | 'path'>;
  const coreShare =
    cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / run.wallMs;
  await emulator.control.reset();
  return { ...result, emulatorCoreShare: coreShare, path: new URL(url).pathname };
}
