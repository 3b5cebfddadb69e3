// Starts the built `azdo-requeue serve` against an emulator, as a user would (--port 0 --json), and waits for its
// start line; stderr (the JSON log) is collected for the test to read.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

import type { RunningEmulator } from '../../src/emulator/index.js';
import { CLI_PATH } from './run-cli.js';

export interface ServeProcess {
  readonly serve: ChildProcessWithoutNullStreams;
  readonly start: { readonly url: string; readonly hookUrl: string };
  /** Everything serve wrote to stderr so far. */
  readonly output: { stderr: string };
}

export async function spawnServe(
  emulator: RunningEmulator,
  secret: string,
  extra: readonly string[] = [],
): Promise<ServeProcess> {
  const project = emulator.projects[0]?.name ?? '';
  const serve = spawn(
    process.execPath,
    [CLI_PATH, 'serve', '--org', emulator.orgUrl, '--project', project, '--port', '0', '--json'].concat(
      ['--sweep-interval', '0'],
      extra,
    ),
    {
      env: {
        PATH: process.env['PATH'],
        NO_PROXY: '127.0.0.1',
        SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken,
        AZDO_REQUEUE_HOOK_SECRET: secret,
      },
    },
  );
  let stdout = '';
  const output = { stderr: '' };
  serve.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const start = await new Promise<{ url: string; hookUrl: string }>((resolve, reject) => {
    serve.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('\n'))
        resolve(JSON.parse(stdout.split('\n')[0] ?? '') as { url: string; hookUrl: string });
    });
    serve.once('close', () => reject(new Error(`serve exited: ${output.stderr}`)));
  });
  return { serve, start, output };
}

/** serve's JSON log lines with this event name, parsed. */
export function logLines(stderr: string, event: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.includes(`"event":"${event}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
