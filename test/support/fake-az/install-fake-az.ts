// A fake Azure CLI for tests: an executable `az` in a temporary directory that answers
// `az account get-access-token` with a token chosen by the test and records the argv and environment it was
// started with, so tests can prove no secret reaches a child process (checklist A1, A3). Nothing else is faked.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface FakeAzOptions {
  /** The access token to print; the test generates it at run time. */
  readonly accessToken: string;
  /** Epoch seconds of `expires_on`. @default now + 1 h */
  readonly expiresOnSeconds?: number;
  /** `logged-out`: print the real CLI's login hint on stderr and exit 1. @default 'ok' */
  readonly behaviour?: 'ok' | 'logged-out';
}

export interface FakeAz {
  /** Put this directory first on PATH. */
  readonly directory: string;
  /** PATH with the fake first. */
  pathWith(existingPath: string | undefined): string;
  /** Each call the fake received: its argv (after `az`), its environment and its working directory. */
  calls(): Promise<{ argv: string[]; env: Record<string, string>; cwd: string }[]>;
  /** The raw bytes the fake recorded, for leak scans. */
  recordedText(): Promise<string>;
  remove(): Promise<void>;
}

export async function installFakeAz(options: FakeAzOptions): Promise<FakeAz> {
  const directory = await mkdtemp(join(tmpdir(), 'azdo-requeue-fake-az-'));
  const record = join(directory, 'calls.jsonl');
  const answer = {
    accessToken: options.accessToken,
    expiresOn: '2099-01-01 00:00:00.000000',
    expires_on: options.expiresOnSeconds ?? Math.floor(Date.now() / 1000) + 3600,
    tokenType: 'Bearer',
  };
  const script = [
    `#!${process.execPath}`,
    "const fs = require('node:fs');",
    `fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() }) + '\\n');`,
    options.behaviour === 'logged-out'
      ? 'process.stderr.write("ERROR: Please run \'az login\' to setup account.\\n"); process.exit(1);'
      : `process.stdout.write(${JSON.stringify(JSON.stringify(answer))});`,
  ].join('\n');
  const path = join(directory, 'az');
  await writeFile(path, script, { mode: 0o700 });
  await chmod(path, 0o700);
  return {
    directory,
    pathWith: (existingPath) => [directory, existingPath].filter(Boolean).join(delimiter),
    async calls() {
      const text = await readFile(record, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { argv: string[]; env: Record<string, string>; cwd: string });
    },
    recordedText: () => readFile(record, 'utf8').catch(() => ''),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
