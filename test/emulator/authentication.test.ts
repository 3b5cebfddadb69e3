// Authentication and authorization as the service answers them: 401 vs 203, scopes, TF401027 (§5, §8, §10.10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { authorization, call, items, record } from './support/emulator-http.js';

const SCENARIO: Scenario = {
  organization: 'Contoso',
  identity: {
    jobTokenScope: 'project',
    jobProject: 'Alpha',
    referencedRepositories: ['app'],
    denied: [{ token: 'pat', permission: 'PullRequestContribute', repositories: ['Alpha/app'] }],
  },
  projects: [
    {
      name: 'Alpha',
      repositories: [
        {
          name: 'app',
          branches: [{ name: 'main', policies: [{ type: 'build', displayName: 'CI' }] }],
          pullRequests: [{ id: 1, targetBranch: 'main', check: 'expired' }],
        },
        { name: 'secret', pullRequests: [{ id: 2, targetBranch: 'main' }] },
      ],
    },
    { name: 'Beta', repositories: [{ name: 'other', pullRequests: [{ id: 3, targetBranch: 'main' }] }] },
  ],
};

let emu: RunningEmulator;
let alpha: string;

beforeAll(async () => {
  emu = await startEmulator({ scenario: SCENARIO });
  alpha = emu.projects[0]?.id ?? '';
});

afterAll(async () => {
  await emu.close();
});

describe('credentials (§1.3)', () => {
  it.each([
    ['Bearer job token', () => authorization(emu.tokens.jobToken, 'Bearer')],
    ['Basic job token, empty user (az)', () => authorization(emu.tokens.jobToken, 'Basic', '')],
    ['Basic PAT, user "PAT" (node)', () => authorization(emu.tokens.pat, 'Basic')],
    ['Basic PAT, any user', () => authorization(emu.tokens.pat, 'Basic', 'someone')],
  ])('accepts %s', async (_name, header) => {
    const answer = await call(emu, '/_apis/connectionData', {
      token: 'none',
      version: null,
      headers: { authorization: header() },
    });

    expect(answer.status).toBe(200);
  });

  it('answers a wrong token with 401, an empty body and WWW-Authenticate when redirects are suppressed', async () => {
    const answer = await call(emu, '/_apis/projects', { token: 'eyJwrong.token.here' });

    expect(answer.status).toBe(401);
    expect(answer.text).toBe('');
    expect(answer.headers.get('www-authenticate')).toContain('Basic realm=');
    expect(answer.headers.get('x-vss-userdata')).toBeNull();
  });

  it('answers a missing token on GET with 203 and an HTML sign-in page without the Suppress header', async () => {
    const answer = await call(emu, '/_apis/projects', { token: 'none', suppress: false });

    expect(answer.status).toBe(203);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toContain('Sign in');
  });

  it('answers a PATCH without the Suppress header with 401 TF400813 JSON', async () => {
    const answer = await call(emu, `/${alpha}/_apis/policy/evaluations/x`, {
      method: 'PATCH',
      token: 'bad',
      suppress: false,
      version: '7.1-preview.1',
    });

    expect(answer.status).toBe(401);
    expect(record(answer.json)['message']).toBe(
      "TF400813: The user '' is not authorized to access this resource.",
    );
  });
});

describe('job authorization scope (§8)', () => {
  it('names the project-scoped identity after its project', async () => {
    const answer = await call(emu, '/_apis/connectionData', { version: '7.1-preview' });

    const user = record(record(answer.json)['authenticatedUser']);
    expect(user['providerDisplayName']).toBe('Alpha Build Service (Contoso)');
    expect(record(record(user['properties'])['Account'])['$value']).toBe(`Build\\${alpha}`);
    expect(String(user['descriptor'])).toMatch(
      new RegExp(`^Microsoft\\.TeamFoundation\\.ServiceIdentity;.*:Build:${alpha}$`),
    );
  });

  it('hides other projects from a project-scoped job token (404 TF200016)', async () => {
    const projects = await call(emu, '/_apis/projects');
    const other = await call(emu, '/Beta/_apis/git/pullRequests');

    expect(items(projects.json).map((p) => p['name'])).toEqual(['Alpha']);
    expect(other.status).toBe(404);
    expect(record(other.json)['typeKey']).toBe('ProjectDoesNotExistWithNameException');
    expect(String(record(other.json)['message'])).toMatch(
      /^TF200016: The following project does not exist: Beta\./,
    );
  });

  it('limits the job token to referenced repositories (404 TF401019, PRs of others not listed)', async () => {
    const repo = await call(emu, '/Alpha/_apis/git/repositories/secret');
    const pr = await call(emu, '/_apis/git/pullRequests/2');
    const list = await call(emu, '/Alpha/_apis/git/pullRequests');
    const viaPat = await call(emu, '/Alpha/_apis/git/repositories/secret', { token: 'pat' });

    expect(repo.status).toBe(404);
    expect(String(record(repo.json)['message'])).toMatch(
      /^TF401019: The Git repository with name or identifier secret does not exist/,
    );
    expect(pr.status).toBe(404);
    expect(items(list.json).map((p) => p['pullRequestId'])).toEqual([1]);
    expect(viaPat.status).toBe(200);
  });
});

describe('permissions (§5 TF401027)', () => {
  it('refuses a requeue for an identity without PullRequestContribute, naming the identity', async () => {
    const evaluation = emu.control.state().evaluations.find((e) => e.pullRequestId === 1);
    const path = `/${alpha}/_apis/policy/evaluations/${evaluation?.evaluationId ?? ''}`;

    const denied = await call(emu, path, {
      method: 'PATCH',
      token: 'pat',
      version: '7.1-preview.1',
      body: 'null',
    });

    const account = emu.control.state().identities.pat.account;
    expect(denied.status).toBe(403);
    expect(record(denied.json)['message']).toBe(
      `TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity '${account}', scope 'repository'.`,
    );
    expect(emu.control.requeues()).toEqual([]);
  });

  it('answers permission evaluation batches for both namespaces', async () => {
    const repoId = emu.control.state().projects[0]?.repositories[0]?.id ?? '';
    const body = JSON.stringify({
      alwaysAllowAdministrators: false,
      evaluations: [
        {
          securityNamespaceId: '2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87',
          token: `repoV2/${alpha}/${repoId}`,
          permissions: 16384,
        },
        {
          securityNamespaceId: '33344d9c-fc72-4d6f-aba5-fa317101a7e9',
          token: `${alpha}/1`,
          permissions: 128,
        },
      ],
    });

    const asJob = await call(emu, '/_apis/security/permissionevaluationbatch', { method: 'POST', body });
    const asPat = await call(emu, '/_apis/security/permissionevaluationbatch', {
      method: 'POST',
      body,
      token: 'pat',
    });

    const values = (answer: typeof asJob) =>
      (record(answer.json)['evaluations'] as Record<string, unknown>[]).map((e) => e['value']);
    expect(values(asJob)).toEqual([true, true]);
    expect(values(asPat)).toEqual([false, true]);
  });
});
