// Starts the emulator for a benchmark cell, preferably in its own process so it does not share a core's
// event loop with anything measured; an in-process variant exists to measure what that choice costs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { startEmulator } from '../../src/emulator/index.js';
import { createEmulatorControlClient, type EmulatorControlClient } from './emulator-control.js';

export interface StartedEmulator {
  readonly orgUrl: string;
  readonly jobToken: string;
  /** The emulator's throwaway PAT (Basic), for calls a job token may not make (hook subscriptions). */
  readonly pat: string;
  readonly projectId: string;
  readonly placement: 'process' | 'in-process';
  readonly control: EmulatorControlClient;
  /** CPU time the emulator has used so far, in ms; undefined where it cannot be read. */
  cpuMs(): number | undefined;
  close(): Promise<void>;
}

interface Announcement {
  orgUrl: string;
  projects: { id: string; name: string }[];
  tokens: { jobToken: string; pat: string };
}

const START_TIMEOUT_MS = 120_000;

// Linux only: utime + stime of another process, from /proc/PID/stat (clock ticks, 100 per second on Linux).
function readProcessCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function handleFrom(
  announcement: Announcement,
  extra: Omit<StartedEmulator, 'orgUrl' | 'jobToken' | 'pat' | 'projectId' | 'control'>,
): StartedEmulator {
  const project = announcement.projects[0];
  if (!project) throw new Error('the emulator announced no project');
  return {
    orgUrl: announcement.orgUrl,
    jobToken: announcement.tokens.jobToken,
    pat: announcement.tokens.pat,
    projectId: project.id,
    control: createEmulatorControlClient(new URL(announcement.orgUrl).origin),
    ...extra,
  };
}

/** `azdo-requeue emulator --json` (docs/emulator.md): its first stdout line announces the URL and tokens. */
export async function startEmulatorProcess(distDir: string, scenarioFile: string): Promise<StartedEmulator> {
  const child = spawn(
    process.execPath,
    [join(distDir, 'cli', 'main.js'), 'emulator', '--json', '--scenario', scenarioFile, '--latency', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const announcement = await new Promise<Announcement>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${stderr}`)), START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(stdout.slice(0, newline)) as Announcement);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return handleFrom(announcement, {
    placement: 'process',
    cpuMs: () => (child.pid === undefined ? undefined : readProcessCpuMs(child.pid)),
    async close() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  });
}

/** The same emulator served from the runner's own process (the runner idles while a tool runs). */
export async function startEmulatorInProcess(
  distDir: string,
  scenarioFile: string,
): Promise<StartedEmulator> {
  const module = (await import(pathToFileURL(join(distDir, 'emulator', 'index.js')).href)) as {
    startEmulator: typeof startEmulator;
  };
  const running = await module.startEmulator({ port: 0, scenario: scenarioFile, latencyMs: 0 });
  return handleFrom(
    { orgUrl: running.orgUrl, projects: running.projects, tokens: running.tokens },
    {
      placement: 'in-process',
      // The runner's own CPU: the emulator plus the runner's bookkeeping, which is small between runs.
      cpuMs: () => {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
      },
      close: () => running.close(),
    },
  );
}
