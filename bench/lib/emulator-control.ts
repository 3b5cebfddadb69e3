// Talks to the emulator's control API (/_emulator/, docs/emulator.md) over HTTP, so the benchmark drives an
// emulator in another process exactly as one in this process: reset, latency, request log, requeue record.
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
  };
}
