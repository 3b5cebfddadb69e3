import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import { ApiFailure, type ChecksApi, type ConnectOptions } from '../index.js';
import { runTask, type TaskHost } from './run-task.js';

const token = (): string =>
  ['{"typ":"JWT"}', JSON.stringify({ n: randomBytes(8).toString('hex') }), 'sig']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');

/** A host that records every call in one ordered list, so tests assert what happened in which order. */
function fakeHost(jobToken: string, inputs: Record<string, string> = {}) {
  const events: string[] = [];
  const files = new Map<string, string>();
  const host: TaskHost = {
    env: { SYSTEM_TEAMPROJECTID: 'Fabrikam', AGENT_TEMPDIRECTORY: '/agent/_temp', BUILD_REASON: 'Schedule' },
    getInput: (name) => ({ organization: 'https://dev.azure.com/fabrikam', ...inputs })[name],
    secretInput: () => undefined,
    endpointAuthorization: (id) =>
      id === 'SYSTEMVSSCONNECTION' ? { scheme: 'OAuth', parameters: { AccessToken: jobToken } } : undefined,
    registerSecret: (secret) => events.push(`secret ${secret === jobToken ? 'token' : 'other'}`),
    publisher: {
      logIssue: (issue) => events.push(`${issue.type} ${issue.message}`),
      setProgress: (percent) => events.push(`progress ${percent}`),
      uploadSummary: (path) => events.push(`upload ${path}`),
      writeFile: (path, content) => {
        files.set(path, content);
        return Promise.resolve();
      },
    },
    log: (text) => events.push(`log ${text.split('\n')[0] ?? ''}`),
    debug: (text) => events.push(`debug ${text}`),
    redact: (text) => text.split(jobToken).join('***'),
    complete: (outcome) => events.push(`complete ${outcome.result}: ${outcome.message}`),
    clock: { now: () => 1_800_000_000_000, sleep: () => Promise.resolve() },
    version: '1.2.3',
  };
  return { host, events, files };
}

function connectTo(api: ChecksApi, events: string[]) {
  return (options: ConnectOptions) => {
    const version = options.apiVersion === 'auto' ? 'auto' : JSON.stringify(options.apiVersion);
    events.push(`connect ${options.organization.url} as ${options.userAgent}, api-version ${version}`);
    return { api, stats: () => ({}) as never };
  };
}

describe('runTask', () => {
  it('registers the token, requeues, logs, uploads the summary and succeeds, in that order', async () => {
    const jobToken = token();
    const { host, events, files } = fakeHost(jobToken);
    const pr = aPullRequest({ id: 7 });
    const { api, calls } = createFakeChecksApi({
      pullRequests: [pr],
      checks: new Map([[7, [anExpiredBuildCheck({ evaluationId: 'e-7' })]]]),
    });

    const outcome = await runTask(host, connectTo(api, events));

    expect(outcome.result).toBe('Succeeded');
    expect(calls.requeue).toEqual(['e-7']);
    expect(events[0]).toBe('secret token');
    expect(events.indexOf('secret token')).toBeLessThan(events.findIndex((e) => e.startsWith('connect')));
    expect(events).toContain(
      'connect https://dev.azure.com/fabrikam as azdo-requeue-task/1.2.3, api-version auto',
    );
    const summaryPath = '/agent/_temp/azdo-requeue-1800000000000/azdo-requeue.md';
    expect(events.slice(-2)).toEqual([
      `upload ${summaryPath}`,
      'complete Succeeded: requeued 1 of 1 build checks in 1 pull requests; 0 skipped',
    ]);
    expect(files.get(summaryPath)).toMatch(/\| \[!7 Pull request 7\]\(https:\/\/dev\.azure\.com\/.*\/7\)/);
  });

  it('fails with the reason and the fix when reading pull requests is refused', async () => {
    const { host, events } = fakeHost(token());
    const api: ChecksApi = {
      ...createFakeChecksApi({ pullRequests: [], checks: new Map() }).api,
      resolveScope: () =>
        Promise.reject(new ApiFailure('auth', 'GET …/projects failed with 401', 'HTTP 401')),
    };

    const outcome = await runTask(host, connectTo(api, events));

    expect(outcome.result).toBe('Failed');
    expect(events.at(-1)).toMatch(
      /^complete Failed: authentication failed: GET …\/projects failed with 401\./,
    );
    expect(events.some((event) => event.startsWith('upload'))).toBe(false);
  });

  it('names a failed listing, masked, in an error issue and in the task result', async () => {
    const jobToken = token();
    const { host, events } = fakeHost(jobToken, { projects: 'Web,Api' });
    const pr = aPullRequest({ id: 7 });
    const fake = createFakeChecksApi({
      pullRequests: [pr],
      checks: new Map([[7, [anExpiredBuildCheck({ evaluationId: 'e-7' })]]]),
    });
    const api: ChecksApi = {
      ...fake.api,
      listPullRequests: (query) => {
        if (query.project.name !== 'Api') return fake.api.listPullRequests(query);
        const echo = `GET …/Api/pullrequests failed with 500: ${encodeURIComponent(jobToken)}`;
        return (async function* () {
          yield await Promise.reject<never>(new ApiFailure('other', echo, 'HTTP 500'));
        })();
      },
    };

    const outcome = await runTask(host, connectTo(api, events));

    expect(fake.calls.requeue).toEqual(['e-7']);
    expect(outcome.result).toBe('Failed');
    expect(events).toContain(
      'error could not list the pull requests of project "Api": GET …/Api/pullrequests failed with 500: *** [HTTP 500]',
    );
    expect(outcome.message).toMatch(
      /Pull request listings that failed: project "Api": GET .* 500: \*\*\* \[HTTP 500\]\.$/,
    );
  });

  it('pins the REST version the apiVersion input names', async () => {
    const { host, events } = fakeHost(token(), { apiVersion: '6.0' });

    await runTask(host, connectTo(createFakeChecksApi({ pullRequests: [], checks: new Map() }).api, events));

    expect(events).toContain(
      'connect https://dev.azure.com/fabrikam as azdo-requeue-task/1.2.3, api-version {"major":6,"minor":0}',
    );
  });

  it('fails before connecting when an input is invalid', async () => {
    const { host, events } = fakeHost(token(), { maxRequeues: 'many' });

    const outcome = await runTask(
      host,
      connectTo(createFakeChecksApi({ pullRequests: [], checks: new Map() }).api, events),
    );

    expect(outcome).toEqual({
      result: 'Failed',
      message: 'invalid input: maxRequeues must be a whole number, got "many"',
    });
    expect(events.some((event) => event.startsWith('connect') || event.startsWith('secret'))).toBe(false);
  });

  it('refuses Entra ID against an Azure DevOps Server collection before reading any credential', async () => {
    const { host, events } = fakeHost(token(), {
      organization: 'https://tfs.example.test/tfs/DefaultCollection/',
      authentication: 'entra',
      azureSubscription: '0a3c6f1e-0000-4000-8000-00000000000a',
    });

    const outcome = await runTask(
      host,
      connectTo(createFakeChecksApi({ pullRequests: [], checks: new Map() }).api, events),
    );

    expect(outcome.result).toBe('Failed');
    expect(outcome.message).toMatch(
      /^invalid input: authentication: entra: https:\/\/tfs.example.test\/tfs\/DefaultCollection is an Azure DevOps Server .*job token/,
    );
    expect(events.some((event) => event.startsWith('connect') || event.startsWith('secret'))).toBe(false);
  });

  it('logs the CI scope it chose', async () => {
    const { host, events } = fakeHost(token());
    const ciHost: TaskHost = {
      ...host,
      env: {
        ...host.env,
        BUILD_REASON: 'IndividualCI',
        BUILD_REPOSITORY_ID: 'repo-1',
        BUILD_SOURCEBRANCH: 'refs/heads/main',
      },
    };
    const { api } = createFakeChecksApi({ pullRequests: [], checks: new Map() });

    await runTask(ciHost, connectTo(api, events));

    expect(events).toContain(
      'log IndividualCI run: only pull requests of repo-1 that target refs/heads/main',
    );
  });
});
