// Runs one measured process: wall time from spawn to exit as a pipeline would see it (Node's start-up
// included), and its peak RSS as written by bench/rss-preload.mjs at exit, never self-reported by the tool.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface MeasuredRun {
  readonly wallMs: number;
  /** Epoch ms at spawn and at exit, to line the run up with the emulator's request log. */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Undefined when the preload could not write it (the process was killed). */
  readonly maxRssBytes: number | undefined;
  /** User + system CPU time of the process, in ms (from the same preload). */
  readonly cpuMs: number | undefined;
}

export interface MeasureOptions {
  /** Arguments after `node`, e.g. `['dist/cli/main.js', '--org', url]`. */
  readonly args: readonly string[];
  /** The complete environment of the child; nothing is inherited implicitly. */
  readonly env: Readonly<Record<string, string>>;
  /** Record peak RSS through the preload. @default true */
  readonly recordRss?: boolean;
  /** Kill the child after this long. @default 900_000 */
  readonly timeoutMs?: number;
}

const PRELOAD = pathToFileURL(fileURLToPath(new URL('../rss-preload.mjs', import.meta.url))).href;

export async function runMeasured(options: MeasureOptions): Promise<MeasuredRun> {
  const recordRss = options.recordRss ?? true;
  const directory = mkdtempSync(join(tmpdir(), 'azdo-bench-'));
  const rssFile = join(directory, 'rss.json');
  const nodeArgs = recordRss ? ['--import', PRELOAD, ...options.args] : [...options.args];
  const env = recordRss ? { ...options.env, BENCH_RSS_FILE: rssFile } : { ...options.env };
  try {
    const startedAtMs = Date.now();
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 900_000);
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    const wallMs = performance.now() - started;
    clearTimeout(killer);
    return {
      wallMs,
      startedAtMs,
      endedAtMs: Date.now(),
      exitCode,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      ...readUsage(recordRss ? rssFile : undefined),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function readUsage(file: string | undefined): Pick<MeasuredRun, 'maxRssBytes' | 'cpuMs'> {
  if (file === undefined) return { maxRssBytes: undefined, cpuMs: undefined };
  try {
    const usage = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
    const user = number(usage['userCpuMs']);
    const system = number(usage['systemCpuMs']);
    return {
      maxRssBytes: number(usage['maxRssBytes']),
      cpuMs: user === undefined || system === undefined ? undefined : user + system,
    };
  } catch {
    return { maxRssBytes: undefined, cpuMs: undefined };
  }
}
