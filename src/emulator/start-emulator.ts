// The in-process entry point: builds the organization from a scenario and serves it on a loopback port.
import type { AddressInfo } from 'node:net';
import { createControl, type EmulatorControl } from './control/control-api.js';
import type { EmulatorTokens } from './identity/tokens.js';
import { createRuntime, orgUrlOf } from './runtime/emulator-runtime.js';
import { loadScenario, type ScenarioInput } from './scenario/load-scenario.js';
import { createEmulatorServer } from './server/create-server.js';

export interface StartEmulatorOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** `'demo'`, a Scenario object, or a scenario JSON file path. @default "demo" */
  scenario?: ScenarioInput;
  /** Delay before every REST answer. @default the scenario's latencyMs, else 0 */
  latencyMs?: number;
  /** Overrides the scenario's seed (ids, commits; never the tokens). */
  seed?: number;
  /** Use these instead of random tokens (e.g. a canary in the 84-character PAT format). */
  tokens?: Partial<EmulatorTokens>;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT/ORG`, no trailing slash. */
  readonly orgUrl: string;
  /** Throwaway credentials generated for this run. */
  readonly tokens: EmulatorTokens;
  readonly projects: { id: string; name: string }[];
  readonly control: EmulatorControl;
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an emulator; resolves once it is listening. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const loaded = await loadScenario(options.scenario);
  const scenario = options.seed === undefined ? loaded : { ...loaded, seed: options.seed };
  const runtimeOptions: { latencyMs?: number; tokens?: Partial<EmulatorTokens> } = {};
  if (options.latencyMs !== undefined) runtimeOptions.latencyMs = options.latencyMs;
  if (options.tokens !== undefined) runtimeOptions.tokens = options.tokens;
  const runtime = createRuntime(scenario, runtimeOptions);
  const control = createControl(runtime);
  const server = createEmulatorServer(runtime, control);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  runtime.origin = `http://${hostForUrl(host)}:${address.port}`;
  return {
    orgUrl: orgUrlOf(runtime),
    tokens: runtime.tokens,
    get projects() {
      return runtime.store.projects.map((project) => ({ id: project.id, name: project.name }));
    },
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
