// The live emulator: the store built from the scenario plus clock, tokens, logs and faults; reset rebuilds it.
import type { RequeueRecord } from '../engine/requeue-evaluation.js';
import { FaultState } from '../faults/fault-state.js';
import { HookRegistry } from '../hooks/hook-subscriptions.js';
import { generateTokens, type EmulatorTokens } from '../identity/tokens.js';
import { createEmulatorClock, type EmulatorClock } from '../model/emulator-clock.js';
import type { Store } from '../model/store.js';
import { RequestLog } from '../protocol/request-log.js';
import { collectionSegments, type ServerVersion } from '../protocol/server-versions.js';
import { buildStore } from '../scenario/build-store.js';
import type { Scenario } from '../scenario/scenario-types.js';

export interface EmulatorRuntime {
  readonly scenario: Scenario;
  store: Store;
  readonly clock: EmulatorClock;
  readonly tokens: EmulatorTokens;
  /** `http://host:port`, set once listening. */
  origin: string;
  readonly log: RequestLog;
  requeues: RequeueRecord[];
  readonly faults: FaultState;
  latencyMs: number;
  readonly initialLatencyMs: number;
  /** Which release the emulator is: its collection URL, discovery ranges and api-version ceiling. */
  serverVersion: ServerVersion;
  readonly initialServerVersion: ServerVersion;
  readonly hooks: HookState;
}

/** Service hooks: subscriptions, notifications, and how pushes behave around them (docs/emulator.md). */
export interface HookState {
  readonly registry: HookRegistry;
  readonly settings: HookSettings;
  /** Pending re-merges and delivery retries; cleared on reset and close. */
  readonly timers: Set<NodeJS.Timeout>;
}

export interface HookSettings {
  /**
   * Re-merge the PRs into a pushed branch this many ms after the push, as the service does asynchronously;
   * undefined re-merges within the push itself (the checks are expired when the push returns).
   */
  remergeDelayMs?: number | undefined;
  /** Multiplies the delivery retry schedule (1, 2, 4 … 60 s): 0.001 for tests. @default 1 */
  retryDelayScale: number;
}

/** The path segments every REST URL starts with: `[org]` in the cloud, `[tfs, DefaultCollection]` on a Server. */
export function collectionPathOf(runtime: EmulatorRuntime): readonly string[] {
  return collectionSegments(runtime.serverVersion, runtime.store.organization);
}

/** `http://host:port/org` or `http://host:port/tfs/DefaultCollection`, no trailing slash. */
export function orgUrlOf(runtime: EmulatorRuntime): string {
  return `${runtime.origin}/${collectionPathOf(runtime).join('/')}`;
}

export function createRuntime(
  scenario: Scenario,
  options: {
    latencyMs?: number;
    tokens?: Partial<EmulatorTokens>;
    serverVersion?: ServerVersion;
    hooks?: Partial<HookSettings>;
  },
): EmulatorRuntime {
  const clock = createEmulatorClock();
  const store = buildStore(scenario, clock.nowMs());
  const latencyMs = options.latencyMs ?? scenario.latencyMs ?? 0;
  return {
    scenario,
    store,
    clock,
    tokens: generateTokens(store.collectionId, store.identities.job.id, Date.now(), options.tokens),
    origin: '',
    log: new RequestLog(),
    requeues: [],
    faults: new FaultState(scenario.faults ?? {}),
    latencyMs,
    initialLatencyMs: latencyMs,
    serverVersion: options.serverVersion ?? 'cloud',
    initialServerVersion: options.serverVersion ?? 'cloud',
    hooks: {
      registry: new HookRegistry(),
      settings: { ...options.hooks, retryDelayScale: options.hooks?.retryDelayScale ?? 1 },
      timers: new Set(),
    },
  };
}

/** Back to the scenario's start: same tokens, fresh store, clock, logs, faults, latency and server version. */
export function resetRuntime(runtime: EmulatorRuntime): void {
  runtime.clock.reset();
  runtime.store = buildStore(runtime.scenario, runtime.clock.nowMs());
  runtime.log.clear();
  runtime.requeues = [];
  runtime.faults.set(runtime.scenario.faults ?? {});
  runtime.faults.clearWindows();
  runtime.latencyMs = runtime.initialLatencyMs;
  runtime.serverVersion = runtime.initialServerVersion;
  stopHookTimers(runtime);
  runtime.hooks.registry.reset();
}

export function stopHookTimers(runtime: EmulatorRuntime): void {
  for (const timer of runtime.hooks.timers) clearTimeout(timer);
  runtime.hooks.timers.clear();
}
