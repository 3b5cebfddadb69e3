import { describe, expect, it } from 'vitest';

import { keysHoldingNothing } from '../../test/support/absent-values.js';
import { ApiFailure } from '../requeue/checks-api.js';
import type { PolicyCheck, PullRequest } from '../requeue/model.js';
import type { DoctorApi } from './doctor-api.js';
import type { DoctorCredential } from './doctor-model.js';
import { reportCredentialFailure, runDoctor, type DoctorInput } from './run-doctor.js';

const PROJECT = { id: 'p-1', name: 'Contoso Web' };
const WEB = { id: 'r-web', name: 'web-app' };
const API = { id: 'r-api', name: 'api' };
const buildService = {
  authenticatedUser: {
    descriptor: 'Microsoft.TeamFoundation.ServiceIdentity;c-1:Build:p-1',
    providerDisplayName: 'Contoso Web Build Service (fabrikam)',
    properties: { Account: { $type: 'System.String', $value: 'Build\\p-1' } },
  },
};
const credential: DoctorCredential = {
  kind: 'job-token',
  source: 'SYSTEM_ACCESSTOKEN',
  scheme: 'Bearer',
  tokenShape: 'jwt',
  why: 'SYSTEM_ACCESSTOKEN is set',
  lifetime: 'expires in 50 min',
  expiresInMinutes: 50,
  warnings: [],
};
const input: DoctorInput = {
  organization: 'https://dev.azure.com/fabrikam',
  project: 'Contoso Web',
  repositories: [],
  credential,
  credentialKind: 'job-token',
};
const aPullRequest = (id: number, repository = WEB): PullRequest => ({
  id,
  title: `PR ${id}`,
  project: PROJECT,
  repository,
  sourceBranch: 'refs/heads/f',
  targetBranch: 'refs/heads/main',
  status: 'active',
  isDraft: false,
  mergeStatus: 'succeeded',
  autoComplete: false,
  createdAt: '2026-01-01T00:00:00Z',
  webUrl: 'https://dev.azure.com/fabrikam/x',
});
const aBuildCheck: PolicyCheck = {
  evaluationId: 'e-1',
  policyTypeId: '0609b952-1397-4640-95ec-e00a01b2c241',
  policyName: 'web CI',
  isBuildPolicy: true,
  isBlocking: true,
  isEnabled: true,
  manualQueueOnly: false,
  status: 'approved',
  isExpired: false,
  buildDefinitionId: 12,
};

/** A fake server where everything is readable and allowed, unless a method is overridden. */
function fakeApi(overrides: Partial<DoctorApi> = {}): DoctorApi & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    connectionData: () => Promise.resolve(buildService),
    serverRestVersion: () => Promise.resolve('7.2'),
    project: () => Promise.resolve(PROJECT),
    repositories: () => Promise.resolve([WEB, API]),
    activePullRequests: () => Promise.resolve([aPullRequest(7)]),
    policyChecks: () => Promise.resolve([aBuildCheck]),
    buildPolicies: () =>
      Promise.resolve([{ definitionId: 12, name: 'web CI', isEnabled: true, repositoryIds: [WEB.id] }]),
    evaluatePermissions: (batch) => {
      asked.push(batch);
      return Promise.resolve({ evaluations: batch.evaluations.map((e) => ({ ...e, value: true })) });
    },
    ...overrides,
  };
}

const statuses = (report: Awaited<ReturnType<typeof runDoctor>>): Record<string, string> =>
  Object.fromEntries(report.checks.map((check) => [check.id, check.status]));

describe('runDoctor', () => {
  it('passes every check when everything is readable and allowed (exit 0)', async () => {
    const api = fakeApi();

    const report = await runDoctor(input, api);

    expect(report.exitCode).toBe(0);
    expect(statuses(report)).toEqual({
      credential: 'pass',
      identity: 'pass',
      server: 'pass',
      project: 'pass',
      repositories: 'pass',
      'pull-requests': 'pass',
      'pull-request-checks': 'pass',
      'permission-contribute': 'pass',
      'permission-queue-builds': 'pass',
    });
    expect(report.identity).toMatchObject({ kind: 'project-build-service', projectName: 'Contoso Web' });
    // Only the repository with active pull requests, and the pipeline of its build policy.
    expect(api.asked).toEqual([
      {
        alwaysAllowAdministrators: false,
        evaluations: [
          {
            securityNamespaceId: '2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87',
            token: 'repoV2/p-1/r-web',
            permissions: 16384,
          },
          { securityNamespaceId: '33344d9c-fc72-4d6f-aba5-fa317101a7e9', token: 'p-1/12', permissions: 128 },
        ],
      },
    ]);
  });

  it.each([
    ['5.0', 'Azure DevOps Server 2019', /use 5\.0 \(policy evaluations 5\.0-preview\.1\)/],
    ['6.0', 'Azure DevOps Server 2020', /use 6\.0/],
    ['7.0', 'Azure DevOps Server 2022', /use 7\.0/],
    ['7.1', 'Azure DevOps Server 2022.1 or later', /go as 7\.1/],
  ])('names the server at REST %s: %s (exit 0)', async (restVersion, product, how) => {
    const onPremises = { ...buildService, deploymentType: 'onPremises' };
    const api = fakeApi({
      connectionData: () => Promise.resolve(onPremises),
      serverRestVersion: () => Promise.resolve(restVersion),
    });

    const report = await runDoctor(input, api);
    const server = report.checks.find((check) => check.id === 'server');

    expect(report.exitCode).toBe(0);
    expect(report.server).toEqual({ product, restVersion, supported: true });
    expect(server?.status).toBe('pass');
    expect(server?.detail).toContain(`${product}, REST API ${restVersion}`);
    expect(server?.detail).toMatch(how);
  });

  it('names the cloud from its deployment type and REST 7.2', async () => {
    const report = await runDoctor(
      input,
      fakeApi({ connectionData: () => Promise.resolve({ ...buildService, deploymentType: 'hosted' }) }),
    );

    expect(report.server).toEqual({ product: 'Azure DevOps Services', restVersion: '7.2', supported: true });
  });

  it('stops at a server older than REST 5.0 with a configuration failure (exit 2)', async () => {
    const report = await runDoctor(input, fakeApi({ serverRestVersion: () => Promise.resolve('4.1') }));

    expect(report.exitCode).toBe(2);
    expect(report.checks.find((check) => check.id === 'server')).toMatchObject({
      status: 'fail',
      failure: 'config',
      detail: 'Team Foundation Server 2018 or older, REST API 4.1',
    });
    expect(statuses(report)['project']).toBe('skipped');
  });

  it('says "not verified" when the server does not tell its REST version, and goes on (exit 0)', async () => {
    const report = await runDoctor(input, fakeApi({ serverRestVersion: () => Promise.resolve(undefined) }));

    expect(report.exitCode).toBe(0);
    expect(statuses(report)['server']).toBe('not-verified');
    expect(statuses(report)['permission-queue-builds']).toBe('pass');
  });

  it('names the TF code and the exact fix for a denied permission (exit 3)', async () => {
    const api = fakeApi({
      evaluatePermissions: (batch) =>
        Promise.resolve({
          evaluations: batch.evaluations.map((e) => ({ ...e, value: e.permissions !== 16384 })),
        }),
    });

    const report = await runDoctor(input, api);
    const contribute = report.checks.find((check) => check.id === 'permission-contribute');

    expect(report.exitCode).toBe(3);
    expect(contribute).toMatchObject({ status: 'fail', code: 'TF401027', failure: 'auth' });
    expect(contribute?.fix).toContain('Project settings > Repositories > web-app > Security');
    expect(contribute?.fix).toContain('"Contoso Web Build Service (fabrikam)"');
    expect(contribute?.fix).toContain('"Contribute to pull requests" to Allow');
    expect(contribute?.fix).not.toMatch(/disable|turn (it )?off/i);
  });

  it('links the pipeline for a denied "Queue builds"', async () => {
    const api = fakeApi({
      evaluatePermissions: (batch) =>
        Promise.resolve({
          evaluations: batch.evaluations.map((e) => ({ ...e, value: e.permissions !== 128 })),
        }),
    });

    const report = await runDoctor(input, api);

    expect(report.checks.find((check) => check.id === 'permission-queue-builds')).toMatchObject({
      status: 'fail',
      code: 'TF215106',
      fix: expect.stringContaining('https://dev.azure.com/fabrikam/p-1/_build?definitionId=12') as unknown,
    });
  });

  it('says "not verified" where the server cannot evaluate permissions, and goes on (exit 0)', async () => {
    const api = fakeApi({
      evaluatePermissions: () =>
        Promise.reject(new ApiFailure('not-found', 'evaluate permissions failed with 404', 'HTTP 404')),
    });

    const report = await runDoctor(input, api);

    expect(report.exitCode).toBe(0);
    expect(statuses(report)['permission-contribute']).toBe('not-verified');
    expect(report.checks.at(-1)?.detail).toContain('the server could not evaluate permissions (HTTP 404)');
  });

  it('falls back to the sampled checks for the pipelines when policies are unreadable', async () => {
    const api = fakeApi({ buildPolicies: () => Promise.reject(new ApiFailure('auth', 'no', 'HTTP 403')) });

    await runDoctor(input, api);

    expect(JSON.stringify(api.asked)).toContain('"token":"p-1/12"');
  });

  it('stops at a rejected token with the mapping fix (exit 3), and sends nothing else', async () => {
    let calls = 0;
    const api = fakeApi({
      connectionData: () =>
        Promise.reject(new ApiFailure('auth', 'read the identity failed with 401', 'HTTP 401')),
      project: () => {
        calls += 1;
        return Promise.resolve(PROJECT);
      },
    });

    const report = await runDoctor(input, api);

    expect(report.exitCode).toBe(3);
    expect(report.checks.find((check) => check.id === 'identity')?.fix).toContain(
      'SYSTEM_ACCESSTOKEN: $(System.AccessToken)',
    );
    expect(report.checks.filter((check) => check.status === 'skipped')).toHaveLength(7);
    expect(calls).toBe(0);
  });

  it('explains an untrusted TLS certificate without ever suggesting to turn verification off', async () => {
    const api = fakeApi({
      connectionData: () =>
        Promise.reject(
          new ApiFailure(
            'other',
            'GET https://x failed: network error DEPTH_ZERO_SELF_SIGNED_CERT',
            'DEPTH_ZERO_SELF_SIGNED_CERT',
          ),
        ),
    });

    const report = await runDoctor(input, api);
    const identity = report.checks.find((check) => check.id === 'identity');

    expect(report.exitCode).toBe(2);
    expect(identity?.fix).toContain('NODE_EXTRA_CA_CERTS');
    expect(identity?.fix).toContain('cannot be turned off');
  });

  it('reports an unknown project with TF200016 and the job-token scope fix (exit 2)', async () => {
    const api = fakeApi({
      project: () =>
        Promise.reject(
          new ApiFailure('not-found', 'TF200016: The following project does not exist: X.', 'TF200016'),
        ),
    });

    const report = await runDoctor({ ...input, project: 'Other' }, api);

    expect(report.exitCode).toBe(2);
    expect(report.checks.find((check) => check.id === 'project')).toMatchObject({
      code: 'TF200016',
      fix: 'The job token is scoped to project "Contoso Web": run azdo-requeue from a pipeline in project "Other", or check --project.',
    });
  });

  it('fails a named repository that is not visible (TF401019) and still checks the others', async () => {
    const report = await runDoctor({ ...input, repositories: ['api', 'secret-repo'] }, fakeApi());

    expect(report.checks.find((check) => check.id === 'repositories')).toMatchObject({
      status: 'fail',
      code: 'TF401019',
    });
    expect(statuses(report)['permission-contribute']).toBe('pass');
    expect(report.exitCode).toBe(2);
  });

  it('is a configuration error without a project (exit 2)', async () => {
    const report = await runDoctor({ ...input, project: undefined }, fakeApi());

    expect(report.exitCode).toBe(2);
    expect(report.checks.find((check) => check.id === 'configuration')?.detail).toMatch(/no project/);
  });

  it('reads no checks when there is no active pull request, and verifies the permissions on every repository', async () => {
    const api = fakeApi({ activePullRequests: () => Promise.resolve([]) });

    const report = await runDoctor(input, api);

    expect(statuses(report)['pull-request-checks']).toBe('skipped');
    expect(JSON.stringify(api.asked)).toContain('repoV2/p-1/r-api');
  });

  it('reports a missing credential with its fix and skips the rest (exit 3)', () => {
    const report = reportCredentialFailure(
      { organization: 'https://dev.azure.com/x' },
      'no credential found.\nmap it',
    );

    expect(report.exitCode).toBe(3);
    expect(report.checks[0]).toMatchObject({ status: 'fail', detail: 'no credential found.', fix: 'map it' });
  });

  it('leaves out what it did not find, never a key holding undefined or null', async () => {
    const rejected = new ApiFailure('auth', 'read the identity failed with 401', 'HTTP 401');
    const noAccount = {
      authenticatedUser: { descriptor: 'Microsoft.IdentityModel.Claims.ClaimsIdentity;u' },
    };
    const reports = [
      await runDoctor({ ...input, project: undefined }, fakeApi()),
      await runDoctor(input, fakeApi({ connectionData: () => Promise.reject(rejected) })),
      await runDoctor(
        input,
        fakeApi({
          connectionData: () => Promise.resolve(noAccount),
          serverRestVersion: () => Promise.resolve(undefined),
        }),
      ),
      reportCredentialFailure({ organization: 'https://dev.azure.com/x' }, 'no credential found.'),
    ];

    expect(reports.flatMap((report) => keysHoldingNothing(report))).toEqual([]);
    expect('project' in (reports[0] ?? {})).toBe(false);
    expect(['identity', 'server'].filter((key) => key in (reports[1] ?? {}))).toEqual([]);
    expect(reports[2]?.identity).toEqual(
      expect.not.objectContaining({ account: expect.anything() as unknown }),
    );
    expect(Object.keys(reports[2]?.identity ?? {})).not.toContain('account');
    expect(Object.keys(reports[2]?.server ?? {})).not.toContain('restVersion');
    expect(Object.keys(reports[3]?.checks[0] ?? {})).toEqual(['id', 'title', 'status', 'detail', 'failure']);
  });
});
