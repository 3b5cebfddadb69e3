// `azdo-requeue emulator`: starts the emulator, prints how to use it, serves until SIGINT/SIGTERM.
import {
  EMULATOR_USAGE,
  isLoopbackHost,
  parseEmulatorArgs,
  type EmulatorCommandOptions,
} from './cli-args.js';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './start-emulator.js';

/** Output sinks (each string carries its own newline); `signal` stops the emulator like SIGINT does. */
export interface EmulatorCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  signal?: AbortSignal;
}

function describe(emulator: RunningEmulator): string {
  const projects = emulator.projects.map((p) => `    ${p.name}  (${p.id})`).join('\n');
  return [
    emulator.serverVersion === 'cloud'
      ? 'Azure DevOps emulator listening.'
      : `Azure DevOps Server ${emulator.serverVersion} emulator listening.`,
    emulator.serverVersion === 'cloud'
      ? `  Organization URL: ${emulator.orgUrl}`
      : `  Collection URL: ${emulator.collectionUrl}`,
    '  Projects:',
    projects,
    "  Credentials (the emulator's own throwaway tokens, valid only for this run, worthless anywhere else):",
    `    job token (Bearer, like System.AccessToken): ${emulator.tokens.jobToken}`,
    `    PAT (Basic):                                 ${emulator.tokens.pat}`,
    `  Control API: ${new URL(emulator.orgUrl).origin}/_emulator/state`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/** Resolves `stopped` on SIGINT, SIGTERM or the abort signal; `cancel` removes the listeners. */
function listenForStop(signal: AbortSignal | undefined): { stopped: Promise<void>; cancel: () => void } {
  let cancel = () => {};
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      cancel();
      resolve();
    };
    cancel = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted === true) stop();
    else signal?.addEventListener('abort', stop);
  });
  return { stopped, cancel };
}

function startOptions(options: EmulatorCommandOptions): StartEmulatorOptions {
  const start: StartEmulatorOptions = { host: options.host, port: options.port, scenario: options.scenario };
  if (options.latencyMs !== undefined) start.latencyMs = options.latencyMs;
  if (options.seed !== undefined) start.seed = options.seed;
  if (options.serverVersion !== undefined) start.serverVersion = options.serverVersion;
  return start;
}

/** Resolves 0 after a clean stop, 1 if the emulator cannot start, 2 on bad flags. */
export async function runEmulatorCommand(argv: string[], io: EmulatorCommandIo): Promise<number> {
  let options: EmulatorCommandOptions;
  try {
    options = parseEmulatorArgs(argv);
  } catch (error) {
    io.stderr(
      `azdo-requeue emulator: ${error instanceof Error ? error.message : String(error)}\n${EMULATOR_USAGE}\n`,
    );
    return 2;
  }
  if (options.help) {
    io.stdout(`${EMULATOR_USAGE}\n`);
    return 0;
  }
  if (!isLoopbackHost(options.host)) {
    io.stderr(
      `warning: listening on ${options.host}: other machines can reach this emulator and its control API is refused to them only by address.\n`,
    );
  }
  // Listen for SIGINT/SIGTERM before announcing the URL: a supervisor may stop us right after reading it.
  const stop = listenForStop(io.signal);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(startOptions(options));
  } catch (error) {
    io.stderr(
      `azdo-requeue emulator: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    stop.cancel();
    return 1;
  }
  if (options.json) {
    io.stdout(
      `${JSON.stringify({
        orgUrl: emulator.orgUrl,
        collectionUrl: emulator.collectionUrl,
        serverVersion: emulator.serverVersion,
        projects: emulator.projects,
        tokens: emulator.tokens,
      })}\n`,
    );
  } else {
    io.stdout(describe(emulator));
  }
  await stop.stopped;
  await emulator.close();
  if (!options.json) io.stdout('Emulator stopped.\n');
  return 0;
}
