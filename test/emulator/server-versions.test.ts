// The emulator as Azure DevOps Server 2019, 2020 and 2022 and as the cloud: collection URL, OPTIONS ranges per
// release, the 400 above the ceiling, and azure-devops-node-api negotiating from OPTIONS against each (issue 13).
import { WebApi, getBearerHandler } from 'azure-devops-node-api';
import { PullRequestStatus } from 'azure-devops-node-api/interfaces/GitInterfaces.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type ServerVersion } from '../../src/emulator/index.js';
import { rank, type Location } from './support/locations.js';
import { control, record } from './support/emulator-http.js';

const EVALUATIONS = 'c23ddff5-229c-4d04-a80b-0fdce9f360c8';
const PULL_REQUESTS_BY_PROJECT = 'a5d28130-9cd2-40fa-9f08-902e7daa9efb';
const CEILINGS: [ServerVersion, string][] = [
  ['2019', '5.0'],
  ['2020', '6.0'],
  ['2022', '7.0'],
  ['cloud', '7.2'],
];

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ serverVersion: '2019' });
});

afterAll(async () => {
  await emu.close();
});

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${emu.collectionUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${emu.tokens.jobToken}`, ...init.headers },
  });
  return { status: response.status, json: await response.json() };
}

async function areaLocations(area: string): Promise<Location[]> {
  const answer = await get(`_apis/${area}`, { method: 'OPTIONS' });
  expect(answer.status).toBe(200);
  return record(answer.json)['value'] as Location[];
}

describe.each(CEILINGS)('the emulator as %s (REST %s)', (version, ceiling) => {
  beforeAll(() => {
    emu.control.setServerVersion(version);
  });

  it('serves its collection URL and only it', async () => {
    const wanted =
      version === 'cloud'
        ? /^http:\/\/127\.0\.0\.1:\d+\/fabrikam\/$/
        : /^http:\/\/127\.0\.0\.1:\d+\/tfs\/DefaultCollection\/$/;
    const otherPath = version === 'cloud' ? 'tfs/DefaultCollection' : 'fabrikam';
    const projects = await get('_apis/projects');
    const other = await fetch(`${new URL(emu.orgUrl).origin}/${otherPath}/_apis/projects`, {
      headers: { authorization: `Bearer ${emu.tokens.jobToken}` },
    });

    expect(emu.collectionUrl).toMatch(wanted);
    expect(emu.orgUrl).toBe(emu.collectionUrl.slice(0, -1));
    expect(projects.status).toBe(200);
    expect(other.status).toBe(404);
  });

  it("answers OPTIONS with that release's ranges, evaluations preview-only", async () => {
    const locations = [...(await areaLocations('git')), ...(await areaLocations('policy'))];
    const evaluations = locations.find((location) => location.id === EVALUATIONS);
    const pullRequests = locations.find((location) => location.id === PULL_REQUESTS_BY_PROJECT);

    expect(locations.length).toBeGreaterThan(20);
    for (const location of locations) {
      expect(Object.keys(location)).toEqual([
        'id',
        'area',
        'resourceName',
        'routeTemplate',
        'resourceVersion',
        'minVersion',
        'maxVersion',
        'releasedVersion',
      ]);
      expect(rank(location.maxVersion)).toBeLessThanOrEqual(rank(ceiling));
      expect(rank(location.minVersion)).toBeLessThanOrEqual(rank(location.maxVersion));
      expect(rank(location.releasedVersion)).toBeLessThanOrEqual(rank(location.maxVersion));
    }
    expect(evaluations).toMatchObject({ maxVersion: ceiling, releasedVersion: '0.0', resourceVersion: 1 });
    expect(pullRequests).toMatchObject({
      maxVersion: ceiling,
      releasedVersion: version === 'cloud' ? '7.1' : ceiling,
    });
    expect(locations.some((location) => location.maxVersion === ceiling)).toBe(true);
  });

  it('refuses a version above its ceiling with the real 400 envelope, and serves the ceiling', async () => {
    const above = version === 'cloud' ? '7.3' : '7.1';
    const tooHigh = await get(`_apis/projects?api-version=${above}`);
    const atCeiling = await get(`_apis/projects?api-version=${ceiling === '7.2' ? '7.1' : ceiling}`);

    expect(tooHigh.status).toBe(400);
    expect(tooHigh.json).toMatchObject({
      $id: '1',
      innerException: null,
      typeName:
        'Microsoft.VisualStudio.Services.WebApi.VssVersionOutOfRangeException, Microsoft.VisualStudio.Services.WebApi',
      typeKey: 'VssVersionOutOfRangeException',
      errorCode: 0,
      message:
        `The requested REST API version of ${above} is out of range for this server. ` +
        `The latest REST API version this server supports is ${ceiling}.`,
    });
    expect(atCeiling.status).toBe(200);
  });

  it('is driven by azure-devops-node-api, which negotiates its versions from OPTIONS', async () => {
    const api = new WebApi(emu.orgUrl, getBearerHandler(emu.tokens.jobToken));
    const core = await api.getCoreApi();
    const git = await api.getGitApi();
    const policy = await api.getPolicyApi();
    const sent = emu.control.requestLog().at(-1)?.seq ?? 0;

    const projects = await core.getProjects();
    const project = projects.find((candidate) => candidate.name === 'Platform');
    const prs = await git.getPullRequestsByProject(project?.id ?? '', { status: PullRequestStatus.Active });
    const artifactId = `vstfs:///CodeReview/CodeReviewId/${project?.id ?? ''}/${prs[0]?.pullRequestId ?? 0}`;
    const evaluations = await policy.getPolicyEvaluations(project?.id ?? '', artifactId);

    expect(projects.length).toBeGreaterThan(1);
    expect(prs.length).toBeGreaterThan(0);
    expect(evaluations.length).toBeGreaterThan(0);
    // node-api asks for 7.1-era versions unless OPTIONS says otherwise: on a Server every call would be a 400.
    const calls = emu.control.requestLog(sent).filter((entry) => entry.method !== 'OPTIONS');
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.status).toBe(200);
      expect(rank(call.apiVersion ?? '')).toBeLessThanOrEqual(rank(ceiling));
      expect(rank(call.apiVersion ?? '')).toBeGreaterThanOrEqual(rank(ceiling === '7.2' ? '7.0' : ceiling));
    }
  });
});

describe('switching and resetting the server version', () => {
  it('switches through the control API and back to the first release on reset', async () => {
    const set = await control(emu, 'PUT', 'server-version', { serverVersion: '2020' });
    const read = await control(emu, 'GET', 'server-version');
    const bad = await control(emu, 'PUT', 'server-version', { serverVersion: '2018' });
    emu.control.reset();

    expect(set.status).toBe(200);
    expect(read.json).toMatchObject({ serverVersion: '2020', maxApiVersion: '6.0' });
    expect(String(record(read.json)['collectionUrl'])).toMatch(/\/tfs\/DefaultCollection\/$/);
    expect(bad.status).toBe(400);
    expect(emu.serverVersion).toBe('2019');
  });

  it('refuses an unknown server version at start', async () => {
    await expect(startEmulator({ serverVersion: '2018' as ServerVersion })).rejects.toThrow(
      /2019, 2020, 2022, cloud/,
    );
  });
});
