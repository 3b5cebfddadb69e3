// Parses `azdo-requeue emulator [--port N] [--host H] [--scenario demo|FILE] [--latency MS] [--seed N]
// [--server-version 2019|2020|2022|cloud] [--json]`.
import { parseArgs } from 'node:util';
import { isServerVersion, SERVER_VERSIONS, type ServerVersion } from './protocol/server-versions.js';

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  /** True when --host was given (a non-loopback host is then allowed, with a warning). */
  hostGiven: boolean;
  scenario: string;
  latencyMs?: number;
  seed?: number;
  serverVersion?: ServerVersion;
  json: boolean;
  help: boolean;
}

export const EMULATOR_USAGE = [
  'Usage: azdo-requeue emulator [--port N] [--host 127.0.0.1] [--scenario demo|FILE] [--latency MS] [--seed N]',
  '                             [--server-version 2019|2020|2022|cloud] [--json]',
  '',
  'Serves an emulated Azure DevOps organization until Ctrl+C (SIGINT) or SIGTERM.',
  '  --port N            port to listen on (default 0: any free port)',
  '  --host H            address to bind (default 127.0.0.1; anything else is reachable by other machines)',
  '  --scenario S        "demo" (default) or a scenario JSON file (docs/emulator.md)',
  '  --latency MS        delay every REST answer by MS milliseconds',
  '  --seed N            seed for ids and commits',
  '  --server-version V  be Azure DevOps Server 2019, 2020 or 2022 (collection URL .../tfs/DefaultCollection/,',
  '                      REST 5.0, 6.0 or 7.0) or the cloud (default: cloud, REST 7.2)',
  '  --json              print one JSON line {"orgUrl","collectionUrl","serverVersion","projects","tokens"}',
  '                      once listening',
].join('\n');

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

/** @throws Error with a message for the user on any bad flag. */
export function parseEmulatorArgs(argv: string[]): EmulatorCommandOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      scenario: { type: 'string' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      'server-version': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  // The product CLI may pass its subcommand name along.
  const extra = positionals[0] === 'emulator' ? positionals.slice(1) : positionals;
  if (extra.length > 0) {
    throw new Error(`unexpected argument "${extra[0] ?? ''}"`);
  }
  if (values.host === '') throw new Error('--host must not be empty');
  if (values.scenario === '') throw new Error('--scenario must not be empty');
  const options: EmulatorCommandOptions = {
    port: integer(values.port, 'port', 0, 65535) ?? 0,
    host: values.host ?? '127.0.0.1',
    hostGiven: values.host !== undefined,
    scenario: values.scenario ?? 'demo',
    json: values.json ?? false,
    help: values.help ?? false,
  };
  const latency = integer(values.latency, 'latency', 0, 600_000);
  if (latency !== undefined) options.latencyMs = latency;
  const seed = integer(values.seed, 'seed', 0, 2 ** 32 - 1);
  if (seed !== undefined) options.seed = seed;
  const serverVersion = values['server-version'];
  if (serverVersion !== undefined) {
    if (!isServerVersion(serverVersion)) {
      throw new Error(
        `--server-version must be one of ${SERVER_VERSIONS.join(', ')}, got "${serverVersion}"`,
      );
    }
    options.serverVersion = serverVersion;
  }
  return options;
}

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host.toLowerCase() === 'localhost';
}
