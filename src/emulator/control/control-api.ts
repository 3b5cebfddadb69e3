// The typed control surface (emu.control): the same operations as the HTTP control API under /_emulator/.
import { completeBuild, settleActiveBuilds } from '../engine/build-lifecycle.js';
import type { PushRequest, PushResult } from '../engine/push-branch.js';
import type { RequeueRecord } from '../engine/requeue-evaluation.js';
import type { FaultSettings } from '../faults/fault-types.js';
import type { BuildResult } from '../model/entities.js';
import type { RequestLogEntry, RetryAfterWindow } from '../protocol/request-log.js';
import { formatDate } from '../protocol/wire-format.js';
import type { HookNotification } from '../hooks/hook-subscriptions.js';
import {
  isServerVersion,
  maxApiVersionOf,
  SERVER_VERSIONS,
  type ServerVersion,
} from '../protocol/server-versions.js';
import {
  orgUrlOf,
  resetRuntime,
  type EmulatorRuntime,
  type HookSettings,
} from '../runtime/emulator-runtime.js';
import { pushWithHooks } from './push-with-hooks.js';
import { buildsSnapshot, stateSnapshot, type BuildSnapshot, type EmulatorState } from './state-snapshot.js';

export interface CompleteBuildsRequest {
  /** One build; omit and set `all` to complete every queued or running build. */
  buildId?: number;
  all?: boolean;
  /** @default "succeeded" */
  result?: BuildResult;
}

export interface EmulatorControl {
  /** Projects, repositories, policies, PRs, evaluations (status, isExpired) and builds, as of the emulator's now. */
  state(): EmulatorState;
  /** Logged requests with `seq > since`. */
  requestLog(since?: number): RequestLogEntry[];
  /** Every re-queue performed (one record per PATCH that succeeded). */
  requeues(): RequeueRecord[];
  /** Every Retry-After issued, with its window. */
  retryAfterWindows(): RetryAfterWindow[];
  /**
   * A push to a branch: expires the build checks of PRs targeting it per their policy (§3.5), now or after the
   * re-merge delay, and notifies every matching `git.push` service hook subscription.
   */
  push(request: PushRequest): PushResult;
  /** Every service hook notification sent so far (oldest first), with each delivery attempt. */
  hookNotifications(): HookNotification[];
  /** Changes the re-merge delay and the delivery retry scale (kept until reset changes nothing here). */
  setHookSettings(settings: Partial<HookSettings>): HookSettings;
  /** Back to the scenario's start (tokens are kept). */
  reset(): void;
  /** Replaces all fault settings (counters restart). */
  setFaults(faults: FaultSettings): void;
  faults(): FaultSettings;
  builds(): BuildSnapshot[];
  /** Completes queued/running builds now; returns their ids. */
  completeBuilds(request: CompleteBuildsRequest): { completed: number[] };
  /** Moves the emulator clock forward (expiry after N hours, build progress); returns the new now. */
  advanceClock(minutes: number): { now: string };
  now(): string;
  /** Latency added before every REST answer. */
  setLatency(ms: number): void;
  /** Completes or abandons an active pull request now, as a user would between a listing and a requeue. */
  closePullRequest(request: ClosePullRequestRequest): { id: number; status: ClosedStatus };
  /** Which release the emulator is, and its collection URL. */
  serverVersion(): ServerVersionInfo;
  /** Becomes another release: collection URL, OPTIONS ranges, api-version ceiling (reset restores the first). */
  setServerVersion(version: ServerVersion): ServerVersionInfo;
}

export interface ServerVersionInfo {
  serverVersion: ServerVersion;
  /** `http://127.0.0.1:PORT/tfs/DefaultCollection/` on a Server, `http://127.0.0.1:PORT/ORG/` in the cloud. */
  collectionUrl: string;
  /** The highest REST API version it accepts (5.0, 6.0, 7.0 or 7.2). */
  maxApiVersion: string;
}

function serverVersionInfo(runtime: EmulatorRuntime): ServerVersionInfo {
  return {
    serverVersion: runtime.serverVersion,
    collectionUrl: `${orgUrlOf(runtime)}/`,
    maxApiVersion: maxApiVersionOf(runtime.serverVersion),
  };
}

export type ClosedStatus = 'completed' | 'abandoned';

export interface ClosePullRequestRequest {
  id: number;
  status: ClosedStatus;
}

function closePullRequest(
  runtime: EmulatorRuntime,
  request: ClosePullRequestRequest,
): { id: number; status: ClosedStatus } {
  const pr = runtime.store.pullRequestsById.get(request.id);
  if (pr === undefined) throw new Error(`unknown pull request ${request.id}`);
  if (pr.status !== 'active') throw new Error(`pull request ${request.id} is already ${pr.status}`);
  if (request.status !== 'completed' && request.status !== 'abandoned') {
    throw new Error('status must be completed or abandoned');
  }
  pr.status = request.status;
  pr.closedMs = runtime.clock.nowMs();
  return { id: pr.id, status: pr.status };
}

function completeBuilds(runtime: EmulatorRuntime, request: CompleteBuildsRequest): { completed: number[] } {
  const store = runtime.store;
  const nowMs = runtime.clock.nowMs();
  settleActiveBuilds(store, nowMs);
  let targets;
  if (request.buildId !== undefined) {
    const build = store.buildsById.get(request.buildId);
    if (build === undefined) throw new Error(`unknown build ${request.buildId}`);
    targets = [build];
  } else if (request.all === true) {
    targets = [...store.activeBuilds];
  } else {
    throw new Error('give buildId or all: true');
  }
  const completed = targets.filter((build) => build.status !== 'completed');
  for (const build of completed) {
    completeBuild(store, build, request.result ?? 'succeeded', nowMs);
  }
  return { completed: completed.map((build) => build.id) };
}

export function createControl(runtime: EmulatorRuntime): EmulatorControl {
  return {
    state: () => stateSnapshot(runtime),
    requestLog: (since) => runtime.log.since(since),
    requeues: () => [...runtime.requeues],
    retryAfterWindows: () => runtime.faults.windows(),
    push: (request) => pushWithHooks(runtime, request),
    hookNotifications: () => [...runtime.hooks.registry.notifications],
    setHookSettings: (settings) => Object.assign(runtime.hooks.settings, settings),
    reset: () => resetRuntime(runtime),
    setFaults: (faults) => runtime.faults.set(faults),
    faults: () => runtime.faults.settings,
    builds: () => buildsSnapshot(runtime),
    completeBuilds: (request) => completeBuilds(runtime, request),
    advanceClock: (minutes) => ({ now: formatDate(runtime.clock.advanceMinutes(minutes)) }),
    now: () => formatDate(runtime.clock.nowMs()),
    closePullRequest: (request) => closePullRequest(runtime, request),
    serverVersion: () => serverVersionInfo(runtime),
    setServerVersion: (version) => {
      if (!isServerVersion(version))
        throw new Error(`serverVersion must be one of ${SERVER_VERSIONS.join(', ')}`);
      runtime.serverVersion = version;
      return serverVersionInfo(runtime);
    },
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of ms');
      runtime.latencyMs = ms;
    },
  };
}
