// The in-process entry point: builds the organization from a scenario and serves it on a loopback port.
import type { AddressInfo } from 'node:net';
import { createControl, type EmulatorControl } from './control/control-api.js';
import type { EmulatorTokens } from './identity/tokens.js';
import { isServerVersion, SERVER_VERSIONS, type ServerVersion } from './protocol/server-versions.js';
import { createRuntime, orgUrlOf, stopHookTimers, type HookSettings } from './runtime/emulator-runtime.js';
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
  /**
   * Which Azure DevOps to be: Server 2019, 2020 or 2022 (collection `…/tfs/DefaultCollection`, REST 5.0, 6.0 or
   * 7.0) or the cloud (REST 7.2). @default "cloud"
   */
  serverVersion?: ServerVersion;
  /** Service hooks: an asynchronous re-merge after a push, a shorter delivery retry schedule (tests). */
  hooks?: Partial<HookSettings>;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT/ORG` (cloud) or `http://127.0.0.1:PORT/tfs/DefaultCollection` (Server), no trailing slash. */
  readonly orgUrl: string;
  /** The same with a trailing slash, as `System.CollectionUri` gives it. */
  readonly collectionUrl: string;
  readonly serverVersion: ServerVersion;
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
  const runtimeOptions: Parameters<typeof createRuntime>[1] = {};
  if (options.hooks !== undefined) runtimeOptions.hooks = options.hooks;
  if (options.latencyMs !== undefined) runtimeOptions.latencyMs = options.latencyMs;
  if (options.tokens !== undefined) runtimeOptions.tokens = options.tokens;
  if (options.serverVersion !== undefined) {
    if (!isServerVersion(options.serverVersion)) {
      throw new Error(`serverVersion must be one of ${SERVER_VERSIONS.join(', ')}`);
    }
    runtimeOptions.serverVersion = options.serverVersion;
  }
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
    // Getters: the control API can switch the release, and with it the collection URL.
    get orgUrl() {
      return orgUrlOf(runtime);
    },
    get collectionUrl() {
      return `${orgUrlOf(runtime)}/`;
    },
    get serverVersion() {
      return runtime.serverVersion;
    },
    tokens: runtime.tokens,
    get projects() {
      return runtime.store.projects.map((project) => ({ id: project.id, name: project.name }));
    },
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopHookTimers(runtime);
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
