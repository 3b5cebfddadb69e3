// Wires an organization URL and a credential into a ChecksApi: the default HTTP stack plus the adapter.
import { createPipeline, type PipelineOptions, type PipelineStats } from '../http/create-pipeline.js';
import type { HttpLogger } from '../http/policies/log-policy.js';
import type { ChecksApi } from '../requeue/checks-api.js';
import type { Clock } from '../util/clock.js';
import { createAzureDevOpsClient } from './create-azure-devops-client.js';
import type { OrganizationUrl } from './organization-url.js';

export interface ConnectOptions {
  readonly organization: OrganizationUrl;
  readonly authorize: () => Promise<string>;
  readonly clock: Clock;
  readonly userAgent: string;
  /** @default 8 */
  readonly concurrency?: number;
  readonly requestTimeoutMs?: number;
  /** Aborts every request (the overall --timeout). */
  readonly signal?: AbortSignal;
  readonly redact?: (text: string) => string;
  readonly pageSize?: number;
  /** `--debug`: one line per request and answer; headers allow-listed, query values redacted. */
  readonly logger?: HttpLogger;
  /** Tests and the benchmark may pass their own transport. */
  readonly transport?: PipelineOptions['transport'];
}

export interface Connection {
  readonly api: ChecksApi;
  stats(): PipelineStats;
}

export function connectAzureDevOps(options: ConnectOptions): Connection {
  const pipeline = createPipeline({
    origin: options.organization.origin,
    authorize: options.authorize,
    clock: options.clock,
    defaultHeaders: {
      accept: 'application/json',
      'user-agent': options.userAgent,
      // Without it an auth failure comes back as a 203 sign-in page instead of a 401 (reference §5, §9).
      'x-tfs-fedauthredirect': 'Suppress',
    },
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const api = createAzureDevOpsClient({
    organizationUrl: options.organization.url,
    send: pipeline.send,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  });
  return { api, stats: () => pipeline.stats() };
}
