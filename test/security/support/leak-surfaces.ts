// Everything a run could leak a secret into, gathered for one assertNoLeak call: the streams, the command lines
// seen in /proc, the URLs the emulator received, and every file under the directories the CLI may write to.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { RunningEmulator } from '../../../src/emulator/index.js';
import type { WatchedRun } from './run-watched-cli.js';

/** Every file below `root`, as text keyed by its path relative to `root`. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[`file ${path.slice(root.length + 1)}`] = await readFile(path, 'latin1');
  }
  return files;
}

/** The URLs (path and query exactly as received) of the emulator's requests after `sinceSeq`. */
export function receivedUrls(emulator: RunningEmulator, sinceSeq: number): string {
  return emulator.control
    .requestLog(sinceSeq)
    .map((entry) => entry.url)
    .join('\n');
}

/** The last request-log sequence number, to read only what one run sent. */
export function lastSeq(emulator: RunningEmulator): number {
  return emulator.control.requestLog().at(-1)?.seq ?? 0;
}

/**
 * A run's own surfaces; `##vso[task.setsecret]` lines (on stderr since decision 0011) carry secrets on purpose, to
 * the agent, and are left out.
 */
export function runSurfaces(run: WatchedRun): Record<string, string> {
  const withoutSetSecret = (text: string): string =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('##vso[task.setsecret]'))
      .join('\n');
  return {
    stdout: withoutSetSecret(run.stdout),
    stderr: withoutSetSecret(run.stderr),
    combined: withoutSetSecret(run.combined),
    cmdline: run.cmdlines.join('\n'),
  };
}
