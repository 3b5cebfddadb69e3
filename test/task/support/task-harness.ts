// Runs a bundled task folder against an emulator the way an agent would, through a recording proxy, and gathers
// what a test asserts on: the ##vso stream, the stdout as it stood when the first request arrived, the summary.
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { RunningEmulator } from '../../../src/emulator/index.js';
import { agentEnvironment } from './agent-environment.js';
import { startPassThroughProxy } from '../../support/pass-through-proxy.js';
import { runTaskProcess, stdoutPathIn, type TaskRun } from './run-task-process.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const temporaryDirectories: string[] = [];

/** A fresh directory under the OS temp folder, removed by `removeTemporaryDirectories`. */
export async function makeTemporaryDirectory(prefix: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

export async function removeTemporaryDirectories(): Promise<void> {
  const directories = temporaryDirectories.splice(0);
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
}

/** Bundles the task into a fresh temporary folder (never task/dist, which a parallel build may be rewriting). */
export async function bundleTaskInto(prefix: string): Promise<string> {
  const directory = await makeTemporaryDirectory(prefix);
  await promisify(execFile)(process.execPath, [
    join(REPOSITORY_ROOT, 'scripts', 'bundle-task.mjs'),
    '--out-dir',
    directory,
  ]);
  return directory;
}

export interface TaskRunOptions {
  readonly inputs?: Readonly<Record<string, string>>;
  readonly build?: Readonly<Record<string, string>>;
  /** @default the emulator's job token */
  readonly jobToken?: string;
  /** Sent to the task once its first request reaches the proxy, as the agent does when a job is cancelled. */
  readonly signalOnFirstRequest?: NodeJS.Signals;
}

export interface ObservedTaskRun extends TaskRun {
  /** AGENT_TEMPDIRECTORY of the run (also its working directory). */
  readonly tempDirectory: string;
  /** The task's stdout as it stood when its first request reached the proxy; undefined without requests. */
  readonly stdoutAtFirstRequest: string | undefined;
  /** How many requests passed the proxy. */
  readonly proxiedRequests: number;
  /** The uploaded summary's content, when a summary was uploaded. */
  readonly summary: string | undefined;
}

export async function runBundledTask(
  taskDirectory: string,
  emulator: RunningEmulator,
  options: TaskRunOptions = {},
): Promise<ObservedTaskRun> {
  const tempDirectory = await makeTemporaryDirectory('agent-temp-');
  let stdoutAtFirstRequest: string | undefined;
  let proxiedRequests = 0;
  const emulatorUrl = new URL(emulator.orgUrl);
  let child: ChildProcess | undefined;
  // Each request is seen before it is forwarded: the task's stdout file then shows what it printed before it.
  const proxy = await startPassThroughProxy(emulatorUrl.origin, () => {
    proxiedRequests += 1;
    if (stdoutAtFirstRequest === undefined && options.signalOnFirstRequest !== undefined) {
      child?.kill(options.signalOnFirstRequest);
    }
    stdoutAtFirstRequest ??= readFileSync(stdoutPathIn(tempDirectory), 'utf8');
    return false;
  });
  try {
    const project = emulator.projects[0];
    if (project === undefined) throw new Error('the scenario has no project');
    const env = agentEnvironment({
      orgUrl: `${proxy.origin}${emulatorUrl.pathname}`,
      jobToken: options.jobToken ?? emulator.tokens.jobToken,
      tempDirectory,
      project,
      ...(options.inputs ? { inputs: options.inputs } : {}),
      ...(options.build ? { build: options.build } : {}),
    });
    const run = await runTaskProcess(join(taskDirectory, 'main.js'), env, tempDirectory, (spawned) => {
      child = spawned;
    });
    const upload = run.commands.find((command) => command.command === 'task.uploadsummary');
    const summary =
      upload !== undefined && existsSync(upload.message) ? readFileSync(upload.message, 'utf8') : undefined;
    return { ...run, tempDirectory, stdoutAtFirstRequest, proxiedRequests, summary };
  } finally {
    await proxy.close();
  }
}

/** The `task.complete` command of a run (the last one wins for the agent). */
export function completion(run: TaskRun): { result: string | undefined; message: string } {
  const complete = run.commands.filter((command) => command.command === 'task.complete').at(-1);
  return { result: complete?.properties['result'], message: complete?.message ?? '' };
}
