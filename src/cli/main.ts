#!/usr/bin/env node
// The bin: the only file that touches `process`. Token variables are read and removed from the environment first,
// every byte written goes through the redactor, and signals stop the run gracefully.
import { fstatSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Secrets read from the environment: masked everywhere, and gone from process.env before anything else runs. */
const TOKEN_VARIABLES = ['SYSTEM_ACCESSTOKEN', 'AZURE_DEVOPS_EXT_PAT', 'AZDO_REQUEUE_HOOK_SECRET'];

// Until the redactor is loaded, a crash says nothing of its cause: its message may quote a token, and node's own
// handler would print it raw with the stack. The emulator prints its own errors and keeps node's handler.
const crashBeforeStart = (): void => {
  process.stderr.write('azdo-requeue: internal error while starting\n');
  process.exit(1);
};
process.on('uncaughtException', crashBeforeStart);
process.on('unhandledRejection', crashBeforeStart);

const argv = process.argv.slice(2);
const version = readVersion();

// Fast path: `--version` loads nothing else (cold-start budget, docs/performance.md).
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${version}\n`);
} else if (argv[0] === 'emulator') {
  process.off('uncaughtException', crashBeforeStart);
  process.off('unhandledRejection', crashBeforeStart);
  process.exitCode = await runEmulator();
} else {
  process.exitCode = await runWithProcess();
}

/**
 * The emulator prints its own throwaway tokens for the user to copy: they are its output, not our secrets, so its
 * output does not go through the redactor (which masks every JWT- and PAT-shaped string). It reads no token.
 */
async function runEmulator(): Promise<number> {
  const { runEmulatorCommand } = await import('../emulator/index.js');
  return runEmulatorCommand(argv.slice(1), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

async function runWithProcess(): Promise<number> {
  const env: Record<string, string | undefined> = { ...process.env };
  // Child processes and crash dumps must not inherit the tokens (security checklist A3).
  for (const name of TOKEN_VARIABLES) delete process.env[name];

  // The redactor first, and only it: the crash handlers below must be in place before the rest of the library
  // loads, or an error thrown meanwhile (quoting a token) would reach stderr unredacted.
  const { createSecretRegistry, createRedactingWriter } = await import('../redaction/index.js');
  const secrets = createSecretRegistry();
  for (const name of TOKEN_VARIABLES) {
    // One entry per line: a multi-line value is refused later with a clear message, but every line is masked.
    for (const line of (env[name] ?? '').split(/\r?\n/)) if (line.trim() !== '') secrets.add(line.trim());
  }
  const redact = (text: string): string => secrets.redact(text);
  const stderrIsFile = isRegularFile(2);
  const stdout = createRedactingWriter(process.stdout, redact);
  const stderr = createRedactingWriter(process.stderr, redact);

  const crash = (error: unknown): void => {
    stderr.write(`azdo-requeue: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    stdout.flush();
    stderr.flush();
    process.exit(1);
  };
  process.off('uncaughtException', crashBeforeStart);
  process.off('unhandledRejection', crashBeforeStart);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  // First signal: stop gracefully (what is on the wire finishes, nothing new starts, the report is printed).
  // Second: abort the requests still on the wire too, and report. Third: exit at once.
  const stop = new AbortController();
  const abort = new AbortController();
  let stopCode: number | undefined;
  let signals = 0;
  // serve tells of a stop itself, in its JSON log with its grace period: its stderr stays one JSON object a line
  // for log collectors, and it reports no run at the end.
  const announce = (text: string): void => void (argv[0] === 'serve' || stderr.write(text));
  const onSignal = (signal: 'SIGINT' | 'SIGTERM', code: number) => () => {
    signals += 1;
    if (signals >= 3) process.exit(stopCode ?? code);
    stopCode ??= code;
    if (signals === 2) {
      announce(`azdo-requeue: ${signal} again: abandoning requests in flight, then reporting\n`);
      abort.abort(new Error(signal));
      return;
    }
    announce(`azdo-requeue: ${signal}: finishing requests in flight, then reporting what was done\n`);
    stop.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal('SIGINT', 130));
  process.on('SIGTERM', onSignal('SIGTERM', 143));

  const [{ systemClock }, { runCli }, { mkdir, writeFile }, pipelines] = await Promise.all([
    import('../index.js'),
    import('./run-cli.js'),
    import('node:fs/promises'),
    import('../azure-pipelines/index.js'),
  ]);

  const code = await runCli(argv, {
    env,
    writeStdout: (text) => stdout.write(text),
    writeStderr: (text) => stderr.write(text),
    // On stderr, never with the report on stdout, and not at all into a file: no agent reads a file, and the line
    // carries the secret (decision 0011).
    registerSecretWithAgent: (value) => {
      if (stderrIsFile) return;
      stderr.flush();
      process.stderr.write(`${pipelines.setSecretCommand(value)}\n`);
    },
    readStdin,
    writeFile: async (path, content) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, redact(content), { encoding: 'utf8', mode: 0o600 });
    },
    secrets,
    stopSignal: stop.signal,
    abortSignal: abort.signal,
    stopExitCode: () => stopCode,
    clock: systemClock,
    version,
  });
  stdout.flush();
  stderr.flush();
  // A pipe that is full queues writes; exiting before they drain would cut the report short. Then exit at once:
  // keep-alive sockets would otherwise hold the event loop open.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

/** Whether the descriptor is redirected to a regular file (`2> err.log`), not a pipe or a terminal. */
function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/** Resolves once everything written so far has been handed to the operating system. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
