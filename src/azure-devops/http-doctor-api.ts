// DoctorApi over the project's HTTP pipeline: the same origin-bound auth, redirect rules, retry and
// `X-TFS-FedAuthRedirect: Suppress` as a requeue run (checklist C1–C5), and the same adapter for PRs and checks.
import type { DoctorApi } from '../doctor/doctor-api.js';
import type { HttpLogger } from '../http/policies/log-policy.js';
import type { HttpMethod, Transport } from '../http/types.js';
import { ApiFailure } from '../requeue/checks-api.js';
import { BUILD_POLICY_TYPE_ID, type ProjectRef, type RepositoryRef } from '../requeue/model.js';
import type { Clock } from '../util/clock.js';
import type { ApiVersionMode } from './negotiate-api-versions.js';
import { createAzureDevOpsPipeline } from './connect-azure-devops.js';
import { createAzureDevOpsClient } from './create-azure-devops-client.js';
import {
  connectionDataUrl,
  permissionEvaluationBatchUrl,
  policyConfigurationsUrl,
  projectUrl,
  repositoriesUrl,
} from './endpoints.js';
import { isObject, readCollection, readString } from './json-guards.js';
import type { OrganizationUrl } from './organization-url.js';
import { parseBuildPolicy } from './parse-build-policy.js';
import { readJson } from './read-response.js';
import { sendJson } from './send-json.js';

export interface HttpDoctorApiOptions {
  readonly organization: OrganizationUrl;
  readonly authorize: () => Promise<string>;
  readonly renewAfterUnauthorized?: () => boolean;
  readonly clock: Clock;
  readonly userAgent: string;
  readonly redact?: (text: string) => string;
  readonly logger?: HttpLogger;
  readonly signal?: AbortSignal;
  readonly transport?: Transport;
  /** `doctor --api-version`: negotiated (`auto`, the default) or one release pinned, as for a run. */
  readonly apiVersion?: ApiVersionMode;
}

export function createHttpDoctorApi(options: HttpDoctorApiOptions): DoctorApi {
  const org = options.organization.url;
  const { send, apiVersions } = createAzureDevOpsPipeline({ ...options, maxAttempts: 2 });
  const checks = createAzureDevOpsClient({ organizationUrl: org, send, pageSize: 100 });

  async function call(method: HttpMethod, url: URL, what: string, body?: unknown): Promise<unknown> {
    // The permission evaluation only reads; repeating it changes nothing.
    const response = await sendJson(send, { method, url, what, body, idempotent: true });
    return readJson(response, what);
  }

  return {
    connectionData: () => call('GET', connectionDataUrl(org), 'read the identity (connectionData)'),
    serverRestVersion: () => apiVersions.serverRestVersion(),
    async project(nameOrId) {
      return toRef(await call('GET', projectUrl(org, nameOrId), `read project "${nameOrId}"`), 'project');
    },
    async repositories(projectId) {
      const what = 'list repositories';
      const url = repositoriesUrl(org, projectId);
      return readCollection(await call('GET', url, what), what).map((item) => toRef(item, 'repository'));
    },
    async activePullRequests(project, repository) {
      const pages = checks.listPullRequests({ project, ...(repository ? { repository } : {}) });
      for await (const page of pages) return page;
      return [];
    },
    policyChecks: (pullRequest) => checks.listChecks(pullRequest),
    async buildPolicies(projectId) {
      const what = 'list build policies';
      const url = policyConfigurationsUrl(org, projectId, BUILD_POLICY_TYPE_ID);
      return readCollection(await call('GET', url, what), what).flatMap(parseBuildPolicy);
    },
    evaluatePermissions: (batch) =>
      call('POST', permissionEvaluationBatchUrl(org), 'evaluate permissions', batch),
  };
}

function toRef(value: unknown, what: string): ProjectRef & RepositoryRef {
  const id = isObject(value) ? readString(value, 'id') : undefined;
  const name = isObject(value) ? readString(value, 'name') : undefined;
  if (id === undefined || name === undefined) {
    throw new ApiFailure('other', `a ${what} in the answer has no id or name`, 'bad-shape');
  }
  return { id, name };
}
