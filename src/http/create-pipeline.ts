// The one place the default request stack is assembled, outermost first (STYLE.md §2 guideline 1;
// docs/decisions/0003-http-policy-pipeline.md). Each client instance gets its own limiter and gate.

import { setMaxListeners } from 'node:events';

import type { Clock } from '../util/clock.js';
import { limitConcurrency } from '../util/limit-concurrency.js';
import { createNodeHttpTransport } from './node-http-transport.js';
import { createAuthPolicy } from './policies/auth-policy.js';
import { createConcurrencyPolicy } from './policies/concurrency-policy.js';
import { createHeadersPolicy } from './policies/headers-policy.js';
import { createLogPolicy } from './policies/log-policy.js';
import type { HttpLogger } from './policies/log-policy.js';
import { createRateLimitPolicy } from './policies/rate-limit-policy.js';
import { createRedirectPolicy } from './policies/redirect-policy.js';
import { createRetryPolicy } from './policies/retry-policy.js';
import { createTimeoutPolicy } from './policies/timeout-policy.js';
import { createRateLimitGate } from './rate-limit-gate.js';
import type { HttpPolicy, HttpRequest, SendRequest, Transport } from './types.js';
import { RequestStoppedError } from './errors/request-stopped-error.js';

export interface PipelineOptions {
  /** The only origin that receives credentials (scheme, host, port), e.g. `https://dev.azure.com`. */
  readonly origin: string;
  /** Returns the Authorization header value; without it no request carries credentials. */
  readonly authorize?: () => Promise<string>;
  /** After a 401: true when the credential renewed itself and the request may be sent once more (Entra). */
  readonly renewAfterUnauthorized?: () => boolean;
  readonly clock: Clock;
  /** Most requests in flight at once across the whole client. @default 8 */
  readonly concurrency?: number;
  /** Per-attempt timeout in ms. @default 30_000 */
  readonly requestTimeoutMs?: number;
  /** Attempts per request in total, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** The longest server-requested wait accepted (Retry-After, closed gate); beyond it calls fail fast. @default 60_000 */
  readonly maxRetryAfterMs?: number;
  /** First backoff delay, doubled per attempt, in ms. @default 1_000 */
  readonly retryBaseDelayMs?: number;
  /** Longest backoff delay, in ms. @default 30_000 */
  readonly retryMaxDelayMs?: number;
  /** Uniform random numbers in [0, 1) for backoff jitter. @default Math.random */
  readonly random?: () => number;
  /** Receives a debug trace (allow-list redacted); no trace without it. */
  readonly logger?: HttpLogger;
  /** Extra headers on every request, e.g. `{ 'x-tfs-fedauthredirect': 'Suppress' }`. */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /** Largest accepted response body in bytes. @default 67_108_864 (64 MiB) */
  readonly maxResponseBytes?: number;
  /** The wire. @default createNodeHttpTransport() (fetch-transport.ts is the alternative) */
  readonly transport?: Transport;
  /** Aborts every request of the run, on the wire too (e.g. --timeout, or a second SIGINT). */
  readonly signal?: AbortSignal;
  /**
   * Stops the run gracefully (SIGINT, SIGTERM): requests on the wire finish, requests still waiting are not sent
   * and fail with RequestStoppedError.
   */
  readonly stopSignal?: AbortSignal;
  /** Extra redaction for error causes and log lines, e.g. a secret registry's `redact`. */
  readonly redact?: (text: string) => string;
}

/** Counters of one client instance. */
export interface PipelineStats {
  /** Requests put on the wire, including retries and redirect hops. */
  readonly requests: number;
  /** Attempts that were repeated after a retryable failure. */
  readonly retries: number;
  /** Time spent waiting for the server's rate limits (gate waits and Retry-After sleeps), in ms. */
  readonly throttledMs: number;
}

export interface Pipeline {
  readonly send: SendRequest;
  stats(): PipelineStats;
}

/** Builds a client's request pipeline: log, retry, concurrency, rate-limit gate, timeout, redirect, auth, headers, transport. */
export function createPipeline(options: PipelineOptions): Pipeline {
  const counters = { requests: 0, retries: 0, throttledMs: 0 };
  const transport =
    options.transport ??
    createNodeHttpTransport({
      maxSockets: options.concurrency ?? 8,
      maxResponseBytes: options.maxResponseBytes,
      ...(options.redact ? { redact: options.redact } : {}),
    });
  const gate = createRateLimitGate({
    clock: options.clock,
    maxWaitMs: options.maxRetryAfterMs,
  });
  const redact = options.redact ? { redact: options.redact } : {};
  // Outermost first. Retry wraps the gate and the slot, so every attempt passes the gate and no slot is
  // held while sleeping; redirect wraps auth, so each hop is checked against the credential origin.
  const policies: HttpPolicy[] = [
    ...(options.logger ? [createLogPolicy({ logger: options.logger, clock: options.clock, ...redact })] : []),
    createRetryPolicy({
      clock: options.clock,
      ...(options.logger ? { logger: options.logger } : {}),
      maxAttempts: options.maxAttempts,
      maxRetryAfterMs: options.maxRetryAfterMs,
      baseDelayMs: options.retryBaseDelayMs,
      maxDelayMs: options.retryMaxDelayMs,
      ...(options.random ? { random: options.random } : {}),
      onRetry: (event) => {
        counters.retries += 1;
        if (event.reason === 'retry-after') counters.throttledMs += event.delayMs;
      },
    }),
    createConcurrencyPolicy({ limiter: limitConcurrency(options.concurrency ?? 8) }),
    createRateLimitPolicy({ gate, onWait: (waitedMs) => (counters.throttledMs += waitedMs) }),
    createTimeoutPolicy({
      clock: options.clock,
      timeoutMs: options.requestTimeoutMs,
    }),
    createRedirectPolicy({ credentialOrigin: options.origin }),
    ...(options.authorize
      ? [
          createAuthPolicy({
            origin: options.origin,
            authorize: options.authorize,
            ...(options.renewAfterUnauthorized
              ? { renewAfterUnauthorized: options.renewAfterUnauthorized }
              : {}),
          }),
        ]
      : []),
    createHeadersPolicy(options.defaultHeaders ? { headers: options.defaultHeaders } : {}),
  ];
  const countingTransport: Transport = (request) => {
    counters.requests += 1;
    return transport(request);
  };
  const sendThroughPolicies = composePolicies(policies, countingTransport);
  // Combined once per client, not per request: every AbortSignal.any() on a long-lived signal stays registered
  // with it (through a WeakRef) and keeps per-request garbage alive into the old generation (docs/performance.md).
  const runSignal = ownSignal(options.signal);
  const runWaitSignal = ownSignal(combine(options.signal, options.stopSignal));
  return {
    send: async (request) => {
      const prepared = withRunSignals(request, runSignal, runWaitSignal);
      try {
        const response = await sendThroughPolicies(prepared);
        return options.redact ? { ...response, redact: options.redact } : response;
      } catch (error) {
        // A wait aborted by the stop rejects with the stop's reason: the request was never sent.
        if (options.stopSignal?.aborted === true && error === options.stopSignal.reason) {
          throw new RequestStoppedError(request.operation);
        }
        throw error;
      }
    },
    stats: () => ({ ...counters }),
  };
}

/** Folds the policies around the transport; the first policy is the outermost. */
export function composePolicies(policies: readonly HttpPolicy[], transport: Transport): SendRequest {
  return policies.reduceRight<SendRequest>(
    (next, policy) => (request) => policy.sendRequest(request, next),
    transport,
  );
}

/** The request's own signal (rare: most callers pass none) joined with the run's; the wait signal likewise. */
function withRunSignals(
  request: HttpRequest,
  runSignal: AbortSignal | undefined,
  runWaitSignal: AbortSignal | undefined,
): HttpRequest {
  const signal = combine(request.signal, runSignal);
  const waitSignal = combine(request.signal, runWaitSignal);
  return { ...request, ...(signal ? { signal } : {}), ...(waitSignal ? { waitSignal } : {}) };
}

/**
 * A signal of the client's own that follows `signal`. Every request waiting or in flight listens on the run's
 * signals (a slot, the gate, a backoff, its timeout), so a fan-out puts dozens of listeners on them, each removed
 * when its wait ends; Node would warn past 10 as if they leaked ("MaxListenersExceededWarning" on stderr). The
 * limit is lifted on this signal only, never on the caller's.
 */
function ownSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const own = AbortSignal.any([signal]);
  setMaxListeners(0, own);
  return own;
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}
