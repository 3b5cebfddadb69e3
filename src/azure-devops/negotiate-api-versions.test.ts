// api-version negotiation over a scripted server: the recorded OPTIONS answers cut to each release's ceiling, and
// the service's 400 envelope for a version above it (reference §1.2, §2.3).
import { describe, expect, it } from 'vitest';

import { areaLocations, rank } from '../../test/support/recorded-locations.js';
import type { HttpMethod, HttpRequest, HttpResponse } from '../http/types.js';
import { createApiVersions, parseApiVersionMode, type ApiVersionMode } from './negotiate-api-versions.js';

const SERVER = 'https://tfs.example.test:8443/tfs/DefaultCollection';
const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';

/** A server with this REST ceiling; `log` holds "METHOD path?api-version" for every request it got. */
function fakeServer(ceiling: string, options: { optionsStatus?: number } = {}) {
  const log: string[] = [];
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    await Promise.resolve();
    const version = request.url.searchParams.get('api-version');
    const path = request.url.pathname.replace(new URL(SERVER).pathname, '');
    log.push(`${request.method} ${path}${version ? `?${version}` : ''}`);
    const answer = (status: number, body: unknown): HttpResponse => ({
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      bodyText: JSON.stringify(body),
      request,
    });
    if (request.method === 'OPTIONS') {
      if (options.optionsStatus !== undefined) return answer(options.optionsStatus, { message: 'no' });
      const value = areaLocations(path.split('/').pop() ?? '', ceiling);
      return answer(200, { count: value.length, value });
    }
    if (version !== null && rank(version) > rank(ceiling)) {
      return answer(400, {
        message: `The requested REST API version of ${version.split('-')[0]} is out of range for this server. The latest REST API version this server supports is ${ceiling}.`,
        typeName:
          'Microsoft.VisualStudio.Services.WebApi.VssVersionOutOfRangeException, Microsoft.VisualStudio.Services.WebApi',
        typeKey: 'VssVersionOutOfRangeException',
        errorCode: 0,
      });
    }
    return answer(200, { value: [] });
  };
  return { send, log };
}

function request(method: HttpMethod, path: string, version: string): HttpRequest {
  return {
    method,
    url: new URL(`${SERVER}/${path}?api-version=${version}`),
    headers: {},
    idempotent: method !== 'PATCH',
    operation: 'test',
  };
}

const projects = (name: string) => request('GET', `_apis/projects/${name}`, '7.1');
const pullRequests = () => request('GET', `${PROJECT}/_apis/git/pullrequests`, '7.1');
const evaluations = () => request('GET', `${PROJECT}/_apis/policy/evaluations`, '7.1-preview.1');
const requeue = () => request('PATCH', `${PROJECT}/_apis/policy/evaluations/e1`, '7.1-preview.1');

/** One small run: a project, three PR listings at once, a PR's checks, a requeue. */
async function aRun(ceiling: string, mode?: ApiVersionMode) {
  const server = fakeServer(ceiling);
  const versions = createApiVersions({ collectionUrl: SERVER, send: server.send, ...(mode ? { mode } : {}) });
  const statuses = [(await versions.send(projects('p'))).status];
  const listings = await Promise.all([1, 2, 3].map(() => versions.send(pullRequests())));
  statuses.push(...listings.map((response) => response.status));
  statuses.push((await versions.send(evaluations())).status, (await versions.send(requeue())).status);
  return { statuses, log: server.log };
}

describe('createApiVersions', () => {
  it('on a server that speaks the written versions (the cloud) sends each call once and nothing more', async () => {
    const { statuses, log } = await aRun('7.2');
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(log).toEqual([
      'GET /_apis/projects/p?7.1',
      ...Array<string>(3).fill(`GET /${PROJECT}/_apis/git/pullrequests?7.1`),
      `GET /${PROJECT}/_apis/policy/evaluations?7.1-preview.1`,
      `PATCH /${PROJECT}/_apis/policy/evaluations/e1?7.1-preview.1`,
    ]);
  });

  it('on Server 2019 learns from one refusal, then asks each area once and steps every call down', async () => {
    const { statuses, log } = await aRun('5.0');
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(log).toEqual([
      'GET /_apis/projects/p?7.1',
      'OPTIONS /_apis/core',
      'GET /_apis/projects/p?5.0',
      'OPTIONS /_apis/git',
      ...Array<string>(3).fill(`GET /${PROJECT}/_apis/git/pullrequests?5.0`),
      'OPTIONS /_apis/policy',
      `GET /${PROJECT}/_apis/policy/evaluations?5.0-preview.1`,
      `PATCH /${PROJECT}/_apis/policy/evaluations/e1?5.0-preview.1`,
    ]);
  });

  it.each([
    ['2019', '5.0'],
    ['2020', '6.0'],
    ['2022', '7.0'],
  ])('Server %s: every call succeeds, at most one refusal and one OPTIONS per area', async (_, ceiling) => {
    const { statuses, log } = await aRun(ceiling);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(log.filter((line) => line.startsWith('OPTIONS'))).toHaveLength(3);
    expect(log.filter((line) => line.endsWith('?7.1') || line.endsWith('?7.1-preview.1'))).toHaveLength(1);
    expect(log.filter((line) => line.includes('policy/evaluations?'))).toEqual([
      `GET /${PROJECT}/_apis/policy/evaluations?${ceiling}-preview.1`,
    ]);
  });

  it('concurrent first calls refused together share one OPTIONS and are each sent once more', async () => {
    const server = fakeServer('6.0');
    const versions = createApiVersions({ collectionUrl: SERVER, send: server.send });
    const answers = await Promise.all(['a', 'b', 'c'].map((name) => versions.send(projects(name))));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(server.log.filter((line) => line.startsWith('OPTIONS'))).toEqual(['OPTIONS /_apis/core']);
    expect(server.log.filter((line) => line.endsWith('?6.0'))).toHaveLength(3);
    expect(server.log).toHaveLength(7);
  });

  it('without an OPTIONS answer steps down to the ceiling the refusal named', async () => {
    const server = fakeServer('5.0', { optionsStatus: 404 });
    const versions = createApiVersions({ collectionUrl: SERVER, send: server.send });
    expect((await versions.send(projects('p'))).status).toBe(200);
    expect((await versions.send(evaluations())).status).toBe(200);
    expect(server.log).toEqual([
      'GET /_apis/projects/p?7.1',
      'OPTIONS /_apis/core',
      'GET /_apis/projects/p?5.0',
      'OPTIONS /_apis/policy',
      `GET /${PROJECT}/_apis/policy/evaluations?5.0-preview.1`,
    ]);
  });

  it('a pinned version goes to every call as it is, preview-only ones as its preview, and is never stepped down', async () => {
    const pinned = parseApiVersionMode('6.0');
    expect(pinned).toEqual({ major: 6, minor: 0 });
    const on2020 = await aRun('6.0', pinned);
    expect(on2020.statuses.every((status) => status === 200)).toBe(true);
    expect(on2020.log.some((line) => line.startsWith('OPTIONS'))).toBe(false);
    expect(on2020.log).toContain(`GET /${PROJECT}/_apis/policy/evaluations?6.0-preview.1`);
    const on2019 = await aRun('5.0', pinned);
    expect(on2019.statuses).toEqual([400, 400, 400, 400, 400, 400]);
    expect(on2019.log).toHaveLength(6);
  });

  it('leaves alone what is not a version refusal, and requests outside the table', async () => {
    const server = fakeServer('5.0');
    const versions = createApiVersions({ collectionUrl: SERVER, send: server.send });
    const workItems = request('GET', '_apis/wit/workitems', '7.1');
    expect((await versions.send(workItems)).status).toBe(400);
    const elsewhere = {
      ...projects('p'),
      url: new URL('https://other.example.test/_apis/projects?api-version=7.1'),
    };
    expect((await versions.send(elsewhere)).status).toBe(400);
    expect(server.log).toEqual(['GET /_apis/wit/workitems?7.1', 'GET /_apis/projects?7.1']);
  });

  it('names the REST version the server speaks from one OPTIONS, kept for the run', async () => {
    const server = fakeServer('6.0');
    const versions = createApiVersions({ collectionUrl: SERVER, send: server.send });
    expect(await versions.serverRestVersion()).toBe('6.0');
    expect(await versions.serverRestVersion()).toBe('6.0');
    expect((await versions.send(projects('p'))).status).toBe(200);
    expect(server.log).toEqual([
      'OPTIONS /_apis/core',
      'GET /_apis/projects/p?7.1',
      'GET /_apis/projects/p?6.0',
    ]);
  });
});

describe('parseApiVersionMode', () => {
  it('takes auto or a release from 5.0 up, nothing else', () => {
    expect(parseApiVersionMode('auto')).toBe('auto');
    expect(parseApiVersionMode('7.1')).toEqual({ major: 7, minor: 1 });
    for (const bad of ['4.1', '7.1-preview.1', '7', 'latest', ''])
      expect(parseApiVersionMode(bad)).toBeUndefined();
  });
});
