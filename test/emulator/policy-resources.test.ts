// Policy evaluations, configurations and builds over HTTP: artifact ids, paging, PATCH bodies, errors (§3.4–3.6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { call, items, record } from './support/emulator-http.js';

const BUILD = '0609b952-1397-4640-95ec-e00a01b2c241';
const SCENARIO: Scenario = {
  projects: [
    {
      name: 'Proj',
      repositories: [
        {
          name: 'repo',
          branches: [
            {
              name: 'main',
              policies: [
                { type: 'build', displayName: 'CI', buildDefinitionId: 12, expiration: { hours: 12 } },
                { type: 'minimumReviewers', minimumApproverCount: 1 },
                { type: 'status', displayName: 'Status' },
              ],
            },
          ],
          pullRequests: [
            {
              id: 7,
              targetBranch: 'main',
              check: 'expired',
              reviewers: [{ name: 'Ann', vote: 10 }],
              checks: { Status: 'notApplicable' },
            },
            { id: 8, targetBranch: 'main', check: 'running' },
          ],
        },
      ],
    },
  ],
};

let emu: RunningEmulator;
let projectId: string;

beforeAll(async () => {
  emu = await startEmulator({ scenario: SCENARIO });
  projectId = emu.projects[0]?.id ?? '';
});

afterAll(async () => {
  await emu.close();
});

function evaluationsOf(query: string) {
  return call(emu, `/${projectId}/_apis/policy/evaluations?${query}`, { version: '7.1-preview.1' });
}

describe('evaluations list (§3.4)', () => {
  it.each([
    [
      'percent-encoded',
      () => `artifactId=${encodeURIComponent(`vstfs:///CodeReview/CodeReviewId/${projectId}/7`)}`,
    ],
    ['raw (az devops invoke)', () => `artifactId=vstfs:///CodeReview/CodeReviewId/${projectId}/7`],
    ['with %2f', () => `artifactId=vstfs:///CodeReview/CodeReviewId/${projectId}%2f7`],
    ['with encoded %2f', () => `artifactId=vstfs%3A%2F%2F%2FCodeReview%2FCodeReviewId%2F${projectId}%252F7`],
  ])('finds the PR from an artifactId %s', async (_form, query) => {
    const answer = await evaluationsOf(query());

    const records = items(answer.json);
    expect(answer.status).toBe(200);
    expect(records).toHaveLength(2);
    expect(
      records.every((r) => r['artifactId'] === `vstfs:///CodeReview/CodeReviewId/${projectId}%2f7`),
    ).toBe(true);
  });

  it('describes an expired build check as §4 does (queued, isExpired true, a real boolean)', async () => {
    const answer = await evaluationsOf(`artifactId=vstfs:///CodeReview/CodeReviewId/${projectId}/7`);

    const build = items(answer.json).find((r) => record(record(r['configuration'])['type'])['id'] === BUILD);
    const context = record(build?.['context']);
    expect(build?.['status']).toBe('queued');
    expect(context).toMatchObject({
      isExpired: true,
      buildIsNotCurrent: true,
      buildDefinitionId: 12,
      buildDefinitionName: 'CI',
    });
    expect(typeof context['buildId']).toBe('number');
    expect(String(context['buildStartedUtc'])).toMatch(/Z$/);
    expect(record(record(build?.['configuration'])['settings'])).toMatchObject({
      queueOnSourceUpdateOnly: true,
      validDuration: 720,
    });
  });

  it('lists notApplicable records only with includeNotApplicable=true, and pages with $top/$skip', async () => {
    const artifact = `artifactId=vstfs:///CodeReview/CodeReviewId/${projectId}/7`;

    const all = await evaluationsOf(`${artifact}&includeNotApplicable=true`);
    const page = await evaluationsOf(`${artifact}&includeNotApplicable=true&$top=1&$skip=2`);

    expect(items(all.json).map((r) => r['status'])).toContain('notApplicable');
    expect(items(page.json)).toEqual([items(all.json)[2]]);
  });

  it('answers a missing artifactId with 400 and an unknown PR with 404 ArtifactNotFoundException', async () => {
    const missing = await evaluationsOf('includeNotApplicable=true');
    const unknown = await evaluationsOf(`artifactId=vstfs:///CodeReview/CodeReviewId/${projectId}/999`);

    expect(missing.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(record(unknown.json)['typeKey']).toBe('ArtifactNotFoundException');
  });
});

describe('evaluation get and requeue (§3.4)', () => {
  it.each([
    ['no body', undefined],
    ['null (node)', 'null'],
    ['a JSON object', '{"status":"queued"}'],
  ])('re-queues with %s', async (_name, body) => {
    const evaluation = emu.control.state().evaluations.find((e) => e.pullRequestId === 8 && e.isBuild);
    const path = `/${projectId}/_apis/policy/evaluations/${evaluation?.evaluationId ?? ''}`;
    const before = emu.control.requeues().length;

    const answer = await call(emu, path, {
      method: 'PATCH',
      version: '7.1-preview.1',
      ...(body === undefined ? {} : { body }),
    });

    expect(answer.status).toBe(200);
    expect(record(answer.json)['status']).toBe('queued');
    expect(emu.control.requeues()).toHaveLength(before + 1);
  });

  it('answers an unknown evaluation with 404 PolicyEvaluationNotFoundException', async () => {
    const answer = await call(
      emu,
      `/${projectId}/_apis/policy/evaluations/00000000-0000-4000-8000-000000000000`,
      {
        version: '7.1-preview.1',
      },
    );

    expect(answer.status).toBe(404);
    expect(record(answer.json)['typeKey']).toBe('PolicyEvaluationNotFoundException');
  });
});

describe('configurations and builds (§3.5, §3.6)', () => {
  it('lists configurations filtered by policyType and gets one by id', async () => {
    const list = await call(emu, `/Proj/_apis/policy/configurations?policyType=${BUILD}`);
    const id = Number(items(list.json)[0]?.['id']);
    const one = await call(emu, `/Proj/_apis/policy/configurations/${id}`);
    const missing = await call(emu, '/Proj/_apis/policy/configurations/999');

    expect(items(list.json)).toHaveLength(1);
    expect(record(one.json)['id']).toBe(id);
    expect(record(record(one.json)['type'])['displayName']).toBe('Build');
    expect(record(missing.json)['typeKey']).toBe('PolicyConfigurationNotFoundException');
  });

  it('gets builds at build/Builds/{id} in any case and lists active builds per definition', async () => {
    const running = emu.control.builds().find((b) => b.pullRequestId === 8 && b.status !== 'completed');

    const one = await call(emu, `/Proj/_apis/build/Builds/${running?.id ?? 0}`);
    const list = await call(
      emu,
      '/Proj/_apis/build/builds?definitions=12&statusFilter=inProgress,notStarted&$top=50',
    );

    expect(record(one.json)['id']).toBe(running?.id);
    expect(record(record(record(one.json)['_links'])['web'])['href']).toContain(
      `buildId=${running?.id ?? 0}`,
    );
    expect(items(list.json).every((b) => ['notStarted', 'inProgress'].includes(String(b['status'])))).toBe(
      true,
    );
    expect(items(list.json).map((b) => b['id'])).toContain(running?.id);
  });

  it('lists builds queued within minTime/maxTime in the queryOrder asked for, and refuses a bad one', async () => {
    const all = emu.control.builds();
    const times = [...new Set(all.map((b) => Date.parse(b.queueTime)))].sort((a, b) => a - b);
    const cut = times[Math.floor(times.length / 2)] ?? 0;
    const since = new Date(cut).toISOString();
    const base = '/Proj/_apis/build/builds?reasonFilter=pullRequest';

    const newest = await call(emu, `${base}&minTime=${since}&queryOrder=queueTimeDescending`);
    const oldest = await call(emu, `${base}&maxTime=${since}&queryOrder=queueTimeAscending`);
    const badOrder = await call(emu, `${base}&queryOrder=sideways`);
    const badTime = await call(emu, `${base}&minTime=yesterday`);

    const queued = (list: unknown) => items(list).map((b) => Date.parse(String(b['queueTime'])));
    const expectedNewer = all.filter((b) => Date.parse(b.queueTime) >= cut).length;
    expect(queued(newest.json)).toHaveLength(expectedNewer);
    expect(expectedNewer).toBeLessThan(all.length);
    expect(queued(newest.json).every((ms) => ms >= cut)).toBe(true);
    expect(queued(newest.json)).toEqual([...queued(newest.json)].sort((a, b) => b - a));
    expect(queued(oldest.json).every((ms) => ms <= cut)).toBe(true);
    expect(queued(oldest.json)).toEqual([...queued(oldest.json)].sort((a, b) => a - b));
    expect([badOrder.status, badTime.status]).toEqual([400, 400]);
  });
});
