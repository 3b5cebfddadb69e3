// DoctorApi over the project's HTTP pipeline: the same origin-bound auth, redirect rules, retry and
// `X-TFS-FedAuthRedirect: Suppress` as a requeue run (checklist C1–C5), and the same adapter for PRs and checks.
import { failureFromError } from '../azure-devops/call-failure.js';
import { createAzureDevOpsPipeline } from '../azure-devops/connect-azure-devops.js';
import { createAzureDevOpsClient } from '../azure-devops/create-azure-devops-client.js';
import { connectionDataUrl, projectUrl } from '../azure-devops/endpoints.js';
import { isObject, readCollection, readNumber, readObject, readString } from '../azure-devops/json-guards.js';
import type { OrganizationUrl } from '../azure-devops/organization-url.js';
import { readJson } from '../azure-devops/read-response.js';
import type { HttpLogger } from '../http/policies/log-policy.js';
import type { HttpMethod, Transport } from '../http/types.js';
import { ApiFailure } from '../requeue/checks-api.js';
import { BUILD_POLICY_TYPE_ID, type ProjectRef, type RepositoryRef } from '../requeue/model.js';
import type { Clock } from '../util/clock.js';
import type { BuildPolicyRef, DoctorApi } from './doctor-api.js';

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
}

export function createHttpDoctorApi(options: HttpDoctorApiOptions): DoctorApi {
  const org = options.organization.url;
  const { send } = createAzureDevOpsPipeline({ ...options, maxAttempts: 2 });
  const checks = createAzureDevOpsClient({ organizationUrl: org, send, pageSize: 100 });

  async function call(method: HttpMethod, url: URL, what: string, body?: unknown): Promise<unknown> {
    let response;
    try {
      response = await send({
        method,
        url,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // The permission evaluation only reads; repeating it changes nothing.
        idempotent: true,
        operation: what,
      });
    } catch (error) {
      throw failureFromError(error, what);
    }
    return readJson(response, what);
  }

  const apiUrl = (path: string, query: Record<string, string>): URL => {
    const url = new URL(`${org}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };

  return {
    connectionData: () => call('GET', connectionDataUrl(org), 'read the identity (connectionData)'),
    async project(nameOrId) {
      return toRef(await call('GET', projectUrl(org, nameOrId), `read project "${nameOrId}"`), 'project');
    },
    async repositories(projectId) {
      const what = 'list repositories';
      const url = apiUrl(`${encodeURIComponent(projectId)}/_apis/git/repositories`, { 'api-version': '7.1' });
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
      const url = apiUrl(`${encodeURIComponent(projectId)}/_apis/policy/configurations`, {
        policyType: BUILD_POLICY_TYPE_ID,
        'api-version': '7.1',
      });
      return readCollection(await call('GET', url, what), what).flatMap(toBuildPolicy);
    },
    evaluatePermissions: (batch) =>
      call(
        'POST',
        apiUrl('_apis/security/permissionevaluationbatch', { 'api-version': '7.1' }),
        'evaluate permissions',
        batch,
      ),
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

function toBuildPolicy(value: unknown): BuildPolicyRef[] {
  if (!isObject(value)) return [];
  const settings = readObject(value, 'settings') ?? {};
  const definitionId = readNumber(settings, 'buildDefinitionId');
  if (definitionId === undefined || value['isDeleted'] === true) return [];
  const scope = Array.isArray(settings['scope'])
    ? (settings['scope'] as unknown[])
    : [{ repositoryId: null }];
  return [
    {
      definitionId,
      name: readString(settings, 'displayName') ?? `#${definitionId}`,
      isEnabled: value['isEnabled'] !== false,
      repositoryIds: scope.map((entry) =>
        isObject(entry) ? (readString(entry, 'repositoryId') ?? null) : null,
      ),
    },
  ];
}
