// Wires an organization URL and a credential into a ChecksApi: the default HTTP stack plus the adapter.
import { createPipeline, type Pipeline, type PipelineStats } from '../http/create-pipeline.js';
import type { HttpLogger } from '../http/policies/log-policy.js';
import type { Transport } from '../http/types.js';
import type { ChecksApi } from '../requeue/checks-api.js';
import type { Clock } from '../util/clock.js';
import { createAzureDevOpsClient } from './create-azure-devops-client.js';
import type { ListingLimits } from './listing-limits.js';
import { createApiVersions, type ApiVersionMode, type ApiVersions } from './negotiate-api-versions.js';
import type { OrganizationUrl } from './organization-url.js';

export interface AzureDevOpsPipelineOptions {
  readonly organization: OrganizationUrl;
  readonly authorize: () => Promise<string>;
  /** After a 401: true when the credential renewed itself (Entra), so the request is tried once more. */
  readonly renewAfterUnauthorized?: () => boolean;
  readonly clock: Clock;
  readonly userAgent: string;
  /** @default 8 */
  readonly concurrency?: number;
  readonly requestTimeoutMs?: number;
  /** @default the pipeline's (4) */
  readonly maxAttempts?: number;
  /** Aborts every request, on the wire too (the overall --timeout, a second SIGINT). */
  readonly signal?: AbortSignal;
  /** Graceful stop: what is on the wire finishes, nothing waiting is sent (RequestStoppedError). */
  readonly stopSignal?: AbortSignal;
  readonly redact?: (text: string) => string;
  /** `--debug`: one line per request and answer; headers allow-listed, query values redacted. */
  readonly logger?: HttpLogger;
  /** Tests and the benchmark may pass their own transport. */
  readonly transport?: Transport;
  /** `--api-version`: negotiated per resource (`auto`), or one release pinned. @default 'auto' */
  readonly apiVersion?: ApiVersionMode;
}

export interface ConnectOptions extends AzureDevOpsPipelineOptions {
  readonly pageSize?: number;
  /** Re-read a check (and its PR) before its PATCH when it was read longer ago than this. @default 60_000 */
  readonly recheckAfterMs?: number;
  /** How many items one listing may hold before it stops with a failure (tests lower it). */
  readonly listingLimits?: Partial<ListingLimits>;
}

export interface Connection {
  readonly api: ChecksApi;
  stats(): PipelineStats;
}

export interface AzureDevOpsPipeline extends Pipeline {
  readonly apiVersions: ApiVersions;
}

/**
 * The HTTP stack every Azure DevOps call goes through: origin-bound auth, the service's default headers, and the
 * api-version of each call negotiated with the server (negotiate-api-versions.ts).
 */
export function createAzureDevOpsPipeline(options: AzureDevOpsPipelineOptions): AzureDevOpsPipeline {
  const { organization, userAgent, apiVersion, ...rest } = options;
  const pipeline = createPipeline({
    ...rest,
    origin: organization.origin,
    defaultHeaders: {
      accept: 'application/json',
      'user-agent': userAgent,
      // Without it an auth failure comes back as a 203 sign-in page instead of a 401 (reference §5, §9).
      'x-tfs-fedauthredirect': 'Suppress',
    },
  });
  const apiVersions = createApiVersions({
    collectionUrl: organization.url,
    send: pipeline.send,
    ...(apiVersion === undefined ? {} : { mode: apiVersion }),
  });
  return { send: apiVersions.send, stats: () => pipeline.stats(), apiVersions };
}

export function connectAzureDevOps(options: ConnectOptions): Connection {
  const { pageSize, recheckAfterMs, listingLimits, ...pipelineOptions } = options;
  const pipeline = createAzureDevOpsPipeline(pipelineOptions);
  const api = createAzureDevOpsClient({
    organizationUrl: options.organization.url,
    send: pipeline.send,
    clock: options.clock,
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(recheckAfterMs === undefined ? {} : { recheckAfterMs }),
    ...(listingLimits === undefined ? {} : { listingLimits }),
  });
  return { api, stats: () => pipeline.stats() };
}
