// Pull-request lists and gets: paging, search criteria, levels, fields, errors (§3.3, §10.6, §10.7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, items, record } from './support/emulator-http.js';

let big: RunningEmulator;
let demo: RunningEmulator;

beforeAll(async () => {
  [big, demo] = await Promise.all([
    startEmulator({ scenario: generateScenario({ pullRequests: 1200, repositories: 3, seed: 3 }) }),
    startEmulator({ scenario: 'demo' }),
  ]);
});

afterAll(async () => {
  await Promise.all([big.close(), demo.close()]);
});

function ids(answer: { json: unknown }): number[] {
  return items(answer.json).map((pr) => Number(pr['pullRequestId']));
}

describe('paging (§3.3)', () => {
  it('returns 101 newest-first PRs when $top is omitted', async () => {
    const answer = await call(big, '/Generated%201/_apis/git/pullrequests');

    expect(ids(answer)).toHaveLength(101);
    expect(ids(answer)[0]).toBe(1200);
    expect(record(answer.json)['count']).toBe(101);
  });

  it.each(['%24top=5000', '$top=5000'])('caps %s at 1000', async (top) => {
    const answer = await call(big, `/Generated 1/_apis/git/pullRequests?${top}`);

    expect(ids(answer)).toHaveLength(1000);
  });

  it('skips with $skip (encoded or not) until a short page', async () => {
    const encoded = await call(big, '/generated 1/_apis/git/pullRequests?%24skip=1190&%24top=100');
    const raw = await call(big, '/GENERATED 1/_apis/git/pullRequests?$skip=1190&$top=100');

    expect(ids(encoded)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(ids(raw)).toEqual(ids(encoded));
  });
});

describe('search criteria (§3.3)', () => {
  it.each([
    ['', 29],
    ['active', 29],
    ['1', 29],
    ['ABANDONED', 1],
    ['2', 1],
    ['completed', 1],
    ['all', 31],
    ['4', 31],
  ])('status "%s" lists %i PRs of the demo', async (status, count) => {
    const query = status === '' ? '' : `searchCriteria.status=${status}&`;
    const projects = await Promise.all(
      ['Contoso Web', 'Platform'].map((p) => call(demo, `/${p}/_apis/git/pullRequests?${query}$top=1000`)),
    );

    expect(projects.flatMap(ids)).toHaveLength(count);
  });

  it('filters by repository, target, source and creator', async () => {
    const state = demo.control.state();
    const pr = state.pullRequests.find(
      (p) => p.repositoryName === 'api' && p.targetRefName === 'refs/heads/develop',
    );
    const creator = (await call(demo, `/_apis/git/pullRequests/${pr?.id ?? 0}`)).json;
    const base = `/Contoso Web/_apis/git/pullRequests?searchCriteria.repositoryId=${pr?.repositoryId ?? ''}`;

    const byTarget = await call(demo, `${base}&searchCriteria.targetRefName=refs%2Fheads%2Fdevelop`);
    const bySource = await call(
      demo,
      `${base}&searchCriteria.sourceRefName=${encodeURIComponent(pr?.sourceRefName ?? '')}`,
    );
    const byCreator = await call(
      demo,
      `${base}&searchCriteria.creatorId=${String(record(record(creator)['createdBy'])['id'])}`,
    );

    expect(ids(byTarget)).toEqual(
      [
        ...state.pullRequests.filter(
          (p) => p.repositoryName === 'api' && p.targetRefName === 'refs/heads/develop',
        ),
      ]
        .map((p) => p.id)
        .sort((a, b) => b - a),
    );
    expect(ids(bySource)).toEqual([pr?.id]);
    expect(ids(byCreator)).toContain(pr?.id);
  });

  it('adds _links to list items only with includeLinks true (True or true)', async () => {
    const without = await call(demo, '/Platform/_apis/git/pullRequests?searchCriteria.includeLinks=False');
    const withLinks = await call(demo, '/Platform/_apis/git/pullRequests?searchCriteria.includeLinks=True');

    expect(items(without.json)[0]).not.toHaveProperty('_links');
    expect(items(withLinks.json)[0]).toHaveProperty('_links.self.href');
  });
});

describe('single pull requests (§3.3, §10.7)', () => {
  it('serves the same PR at organization, project and repository level', async () => {
    const state = demo.control.state();
    const pr = state.pullRequests[0];
    const project = state.projects.find((p) => p.id === pr?.projectId);

    const org = await call(demo, `/_apis/git/pullRequests/${pr?.id ?? 0}`);
    const byProjectGuid = await call(demo, `/${pr?.projectId ?? ''}/_apis/git/pullrequests/${pr?.id ?? 0}`);
    const byRepoName = await call(
      demo,
      `/${project?.name ?? ''}/_apis/git/Repositories/${pr?.repositoryName ?? ''}/PullRequests/${pr?.id ?? 0}`,
    );

    const body = record(org.json);
    expect(byProjectGuid.text).toBe(org.text);
    expect(byRepoName.text).toBe(org.text);
    expect(record(record(body['repository'])['project'])['id']).toBe(pr?.projectId);
    expect(String(record(record(body['_links'])['web'])['href'])).toContain(`/pullrequest/${pr?.id ?? 0}`);
    expect(body['artifactId']).toBe(
      `vstfs:///Git/PullRequestId/${pr?.projectId ?? ''}%2f${pr?.repositoryId ?? ''}%2f${pr?.id ?? 0}`,
    );
  });

  it('shows drafts, conflicts (no merge commit) and auto-complete', async () => {
    const state = demo.control.state();
    const conflict = state.pullRequests.find((p) => p.mergeStatus === 'conflicts');
    const auto = state.pullRequests.find((p) => p.autoComplete);
    const draft = state.pullRequests.find((p) => p.isDraft);

    const conflictBody = record((await call(demo, `/_apis/git/pullRequests/${conflict?.id ?? 0}`)).json);
    const autoBody = record((await call(demo, `/_apis/git/pullRequests/${auto?.id ?? 0}`)).json);
    const draftBody = record((await call(demo, `/_apis/git/pullRequests/${draft?.id ?? 0}`)).json);

    expect(conflictBody['mergeStatus']).toBe('conflicts');
    expect(conflictBody).not.toHaveProperty('lastMergeCommit');
    expect(autoBody).toHaveProperty('autoCompleteSetBy.id');
    expect(draftBody['isDraft']).toBe(true);
  });

  it.each([
    [
      '/_apis/git/pullRequests/9999',
      'GitPullRequestNotFoundException',
      /^TF401180: The requested pull request was not found\.$/,
    ],
    ['/Nope/_apis/git/pullRequests', 'ProjectDoesNotExistWithNameException', /^TF200016: /],
    ['/Platform/_apis/git/repositories/nope/pullRequests', 'GitRepositoryNotFoundException', /^TF401019: /],
  ])('answers %s with 404 %s', async (path, typeKey, message) => {
    const answer = await call(demo, path);

    expect(answer.status).toBe(404);
    expect(record(answer.json)['typeKey']).toBe(typeKey);
    expect(String(record(answer.json)['message'])).toMatch(message);
    expect(record(answer.json)).toMatchObject({
      $id: '1',
      innerException: null,
      errorCode: 0,
      eventId: 3000,
    });
  });
});
