// The task's entry point (task/task.json `execution.Node20_1.target`), bundled by scripts/bundle-task.mjs into
// task/dist/main.js. The process's lifecycle lives here (signals, the version file, the exit); the environment and
// stdout are reached through task-lib in create-task-lib-host.ts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createTaskLibHost } from './create-task-lib-host.js';
import { runTask } from './run-task.js';

// The task reads the job token from its endpoint; a SYSTEM_ACCESSTOKEN mapped out of habit is not needed, so nothing
// the process does later can inherit or print it (checklist A3). task-lib already moved INPUT_* and ENDPOINT_AUTH_*.
delete process.env['SYSTEM_ACCESSTOKEN'];

const stop = new AbortController();
// The agent signals a cancelled job; finish requests in flight, start nothing new, still report (like the CLI).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => stop.abort(new Error(signal)));

const host = createTaskLibHost({
  version: readTaskVersion(),
  stopSignal: stop.signal,
  writeStdout: (text) => process.stdout.write(text),
});
// No top-level await: the bundle is CommonJS (docs/decisions/0006-task-bundling.md).
void runTask(host).then((outcome) => {
  // Idle keep-alive sockets would hold the event loop open; exit once stdout has taken every line.
  process.stdout.write('', () => process.exit(outcome.result === 'Succeeded' ? 0 : 1));
});

/** `Major.Minor.Patch` of the task.json beside the bundle; the bundle runs from the task folder of the VSIX. */
function readTaskVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(dirname(process.argv[1] ?? ''), 'task.json'), 'utf8')) as {
      version?: { Major?: unknown; Minor?: unknown; Patch?: unknown };
    };
    const { Major, Minor, Patch } = manifest.version ?? {};
    return [Major, Minor, Patch].map((part) => (typeof part === 'number' ? part : 0)).join('.');
  } catch {
    return '0.0.0';
  }
}
