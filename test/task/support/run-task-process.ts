// Runs the bundled task as the agent does (`node main.js`), with stdout going to a file: the child's writes are
// synchronous, so what the file holds when a request arrives is what the task had printed before sending it.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import taskCommand from 'azure-pipelines-task-lib/taskcommand.js';

export interface LoggingCommand {
  /** Index of the line in stdout. */
  readonly line: number;
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

export interface TaskRun {
  readonly exitCode: number | null;
  readonly lines: readonly string[];
  /** Every `##vso[` line, parsed by task-lib's own parser. */
  readonly commands: readonly LoggingCommand[];
  readonly stderr: string;
  readonly durationMs: number;
}

export function stdoutPathIn(directory: string): string {
  return join(directory, 'task-stdout.log');
}

export async function runTaskProcess(
  mainJs: string,
  env: Record<string, string>,
  cwd: string,
  onSpawn?: (child: ChildProcess) => void,
): Promise<TaskRun> {
  const stdoutPath = stdoutPathIn(cwd);
  const fd = openSync(stdoutPath, 'w');
  const started = performance.now();
  let stderr = '';
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs], { env, cwd, stdio: ['ignore', fd, 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', resolve);
    onSpawn?.(child);
  });
  closeSync(fd);
  const lines = readFileSync(stdoutPath, 'utf8').split(/\r?\n/);
  return { exitCode, lines, commands: parseCommands(lines), stderr, durationMs: performance.now() - started };
}

export function parseCommands(lines: readonly string[]): LoggingCommand[] {
  const commands: LoggingCommand[] = [];
  lines.forEach((text, line) => {
    if (!text.startsWith('##vso[')) return;
    const parsed = taskCommand.commandFromString(text);
    commands.push({ line, command: parsed.command, properties: parsed.properties, message: parsed.message });
  });
  return commands;
}

/** The commands named `name`, e.g. `task.setsecret`. */
export function commandsNamed(run: TaskRun, name: string): LoggingCommand[] {
  return run.commands.filter((command) => command.command === name);
}
