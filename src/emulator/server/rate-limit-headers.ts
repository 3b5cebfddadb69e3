// X-RateLimit-* and Retry-After headers (§6), and the service's answers to throttled and faulted requests.
import { randomUUID } from 'node:crypto';
import type { RequestFault } from '../faults/fault-types.js';
import { ServiceError } from '../protocol/service-errors.js';
import type { EmulatorRuntime } from '../runtime/emulator-runtime.js';
import { jsonContentType, type Outgoing } from './respond.js';

/** Headers of the "low remaining / delayed" mode; none when the mode is off. */
export function rateLimitModeHeaders(runtime: EmulatorRuntime, nowMs: number): Record<string, string> {
  const mode = runtime.faults.rateLimitHeaders;
  if (mode === undefined) return {};
  const headers: Record<string, string> = {
    'x-ratelimit-resource': mode.resource ?? 'Core',
    'x-ratelimit-limit': String(mode.limit ?? 200),
    'x-ratelimit-remaining': String(mode.remaining),
    'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + 300),
  };
  if (mode.delaySeconds !== undefined) {
    headers['x-ratelimit-delay'] = mode.delaySeconds.toFixed(3);
  }
  return headers;
}

function errorOutgoing(error: ServiceError, headers: Record<string, string>): Outgoing {
  return {
    status: error.status,
    contentType: jsonContentType(undefined),
    body: JSON.stringify(error.toBody()),
    headers: { 'x-tfs-serviceerror': encodeURIComponent(error.message), ...headers },
  };
}

/** The blocked answer of §6: 429, TF400733, Retry-After and every X-RateLimit-* header. */
export function throttledOutgoing(
  runtime: EmulatorRuntime,
  token: 'job' | 'pat',
  retryAfterSeconds: number,
  nowMs: number,
): Outgoing {
  const resource = runtime.faults.settings.throttle?.resource ?? 'Core';
  const error = new ServiceError(
    429,
    'RequestBlockedException',
    'Microsoft.TeamFoundation.Framework.Server.RequestBlockedException, Microsoft.TeamFoundation.Framework.Server',
    `TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource '${resource}' in namespace 'User'.`,
  );
  return errorOutgoing(error, {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-resource': resource,
    'x-ratelimit-delay': '0.000',
    'x-ratelimit-limit': String(runtime.faults.settings.throttle?.afterRequests ?? 200),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(runtime.faults.throttle.resetAtSeconds(token, nowMs)),
  });
}

/** A 5xx fault's answer (the request is not acted on), with Retry-After if the fault sets one. */
export function statusFaultOutgoing(fault: RequestFault): Outgoing {
  const status = fault.status ?? 503;
  const activityId = randomUUID();
  const message =
    status === 500
      ? `TF400898: An Internal Error Occurred. Activity Id: ${activityId}.`
      : `The service is temporarily unavailable (emulated ${status}). Activity Id: ${activityId}.`;
  const error = new ServiceError(
    status,
    'VssServiceException',
    'Microsoft.VisualStudio.Services.Common.VssServiceException, Microsoft.VisualStudio.Services.Common',
    message,
  );
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  return errorOutgoing(error, headers);
}

/** A ServiceError thrown by a route or the version check, as JSON with x-tfs-serviceerror (§5). */
export function serviceErrorOutgoing(error: ServiceError, apiVersion: string | undefined): Outgoing {
  return { ...errorOutgoing(error, {}), contentType: jsonContentType(apiVersion) };
}
