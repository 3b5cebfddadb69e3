// Makes every attempt pass the client's shared rate-limit gate before it is sent, and shows every
// response to the gate afterwards. It sits inside the retry policy, so retried attempts wait too,
// and inside the concurrency policy: a request that waited for a slot still checks the gate right
// before it is sent, and its answer closes the gate before the slot passes to the next request
// (otherwise requests queued for a slot when a 429 arrives would go out inside the Retry-After window).
// Rules: https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits (see ../rate-limit-gate.ts).

import { redactUrl } from '../../redaction/redact.js';
import { isRateLimitExceededError, RateLimitExceededError } from '../errors/rate-limit-exceeded-error.js';
import type { RateLimitGate } from '../rate-limit-gate.js';
import type { HttpPolicy, HttpRequest } from '../types.js';

export interface RateLimitPolicyOptions {
  /** The client's one gate; never share it between clients for different servers. */
  readonly gate: RateLimitGate;
  /** Told how long an attempt waited at the gate (only when it waited). */
  readonly onWait?: (waitedMs: number) => void;
}

/** Creates the policy. */
export function createRateLimitPolicy(options: RateLimitPolicyOptions): HttpPolicy {
  const { gate, onWait } = options;
  return {
    name: 'rate-limit',
    async sendRequest(request, next) {
      const waitedMs = await waitAtGate(gate, request);
      if (waitedMs > 0) onWait?.(waitedMs);
      const response = await next(request);
      gate.observe(response);
      return response;
    },
  };
}

/** Waits for the gate; a refusal is re-thrown naming the request that would have waited. */
async function waitAtGate(gate: RateLimitGate, request: HttpRequest): Promise<number> {
  try {
    return await gate.waitUntilOpen(request.waitSignal ?? request.signal);
  } catch (error) {
    if (!isRateLimitExceededError(error)) throw error;
    throw new RateLimitExceededError({
      waitMs: error.waitMs,
      maxWaitMs: error.maxWaitMs,
      method: request.method,
      url: redactUrl(request.url),
      cause: error,
    });
  }
}
