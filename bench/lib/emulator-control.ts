// Talks to the emulator's control API (/_emulator/, docs/emulator.md) over HTTP, so the benchmark drives an
// emulator in another process exactly as one in this process: reset, latency, request log, requeue record.
import type { HookNotification } from '../../src/emulator/hooks/hook-subscriptions.js';
import type { EmulatorState, RequestLogEntry, RequeueRecord } from '../../src/emulator/index.js';

export interface EmulatorControlClient {
  /** `http://127.0.0.1:PORT`, where /_emulator/ lives. */
  readonly origin: string;
  /** Back to the scenario's start: the same expired checks, empty request log and requeue record. */
  reset(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  requeues(): Promise<RequeueRecord[]>;
  state(): Promise<EmulatorState>;
  /** Re-merge delay of a push (0 = on the next turn of the emulator's event loop). */
  setRemergeDelay(ms: number): Promise<void>;
  /** A push to a branch: expires the checks of PRs into it and notifies the service hook subscriptions. */
  push(request: { project: string; repository: string; branch: string }): Promise<unknown>;
  hookNotifications(): Promise<HookNotification[]>;
  /** Completes every queued or running build, so the next push expires their checks again. */
  completeBuilds(): Promise<void>;
}

// The control API is loopback-only and tiny; calls happen between measured runs, never during one.
// Bounded by a timeout so a wedged emulator fails the benchmark instead of hanging it.
async function call<T>(origin: string, method: string, action: string, body?: unknown): Promise<T> {
  const response = await fetch(`${origin}/_emulator/${action}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /_emulator/${action} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export function createEmulatorControlClient(origin: string): EmulatorControlClient {
  return {
    origin,
    async reset() {
      await call(origin, 'POST', 'reset');
    },
    async setLatency(ms) {
      await call(origin, 'PUT', 'latency', { ms });
    },
    requests: () => call<RequestLogEntry[]>(origin, 'GET', 'requests'),
    requeues: () => call<RequeueRecord[]>(origin, 'GET', 'requeues'),
    state: () => call<EmulatorState>(origin, 'GET', 'state'),
    async setRemergeDelay(ms) {
      await call(origin, 'PUT', 'hooks/settings', { remergeDelayMs: ms });
    },
    push: (request) => call(origin, 'POST', 'push', request),
    hookNotifications: () => call<HookNotification[]>(origin, 'GET', 'hooks/notifications'),
    async completeBuilds() {
      await call(origin, 'POST', 'builds/complete', { all: true });
    },
  };
}
