// Spawns the built CLI under watch for the security tests: a clean environment, a loopback-only network guard,
// its /proc/<pid>/cmdline sampled while it runs (checklist A1), a chosen cwd, and optionally stdout and stderr
// written to one file so the order of their lines is the order they were written (checklist B1).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { CLI_PATH } from '../../support/run-cli.js';

export interface WatchedRunOptions {
  /** Added to a clean environment: nothing token- or pipeline-like is inherited. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdin?: string;
  readonly cwd?: string;
  /** Extra modules for `node --import` (e.g. one that crashes the process on purpose). */
  readonly preloads?: readonly string[];
  /** stdout and stderr into one file, in write order; `combined` holds it. */
  readonly combinedOutput?: boolean;
  /** @default 30_000 */
  readonly timeoutMs?: number;
}

export interface WatchedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly combined: string;
  /** Every distinct /proc/<pid>/cmdline seen while the CLI ran (NULs as spaces). */
  readonly cmdlines: readonly string[];
  /** Connections the loopback guard refused: must be empty. */
  readonly refusedConnections: readonly string[];
}

const GUARD = pathToFileURL(join(import.meta.dirname, 'loopback-only.mjs')).href;
const INHERITED_NOISE =
  /^(SYSTEM_|BUILD_|AGENT_|TF_BUILD$|AZURE_|ENDPOINT_|INPUT_|NODE_OPTIONS$|NODE_TLS_|HTTPS?_PROXY$|https?_proxy$)/;

export async function runWatchedCli(
  args: readonly string[],
  options: WatchedRunOptions = {},
): Promise<WatchedRun> {
  const work = await mkdtemp(join(tmpdir(), 'azdo-requeue-watch-'));
  const guardLog = join(work, 'refused.log');
  const combinedPath = join(work, 'combined.log');
  const imports = [GUARD, ...(options.preloads ?? []).map((path) => pathToFileURL(path).href)];
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !INHERITED_NOISE.test(name)),
  );
  const env = {
    ...base,
    NO_PROXY: '127.0.0.1,localhost',
    LOOPBACK_GUARD_LOG: guardLog,
    NODE_OPTIONS: imports.map((href) => `--import=${href}`).join(' '),
    ...options.env,
  };
  const fd = options.combinedOutput ? openSync(combinedPath, 'w') : undefined;
  const cmdlines = new Set<string>();
  try {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [CLI_PATH, ...args], {
          env,
          cwd: options.cwd ?? work,
          stdio: ['pipe', fd ?? 'pipe', fd ?? 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const sample = (): void => {
          try {
            cmdlines.add(readFileSync(`/proc/${child.pid ?? 0}/cmdline`, 'utf8').replaceAll('\0', ' '));
          } catch {
            // not on Linux, or already gone
          }
        };
        sample();
        const sampler = setInterval(sample, 5);
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
        child.once('error', reject);
        child.once('close', (code) => {
          clearInterval(sampler);
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
        child.stdin?.end(options.stdin ?? '');
      },
    );
    const combined = fd === undefined ? '' : await readFile(combinedPath, 'utf8');
    const refused = (await readFile(guardLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return { ...result, combined, cmdlines: [...cmdlines], refusedConnections: refused };
  } finally {
    if (fd !== undefined) closeSync(fd);
    await rm(work, { recursive: true, force: true });
  }
}
