import { describe, expect, it } from 'vitest';

import { scriptedBuildPages } from '../../test/support/scripted-build-pages.js';
import { listPullRequestBuilds } from './list-pull-request-builds.js';

const org = 'https://dev.azure.com/fabrikam';
const project = { id: '6f1c2c4e-0000-4000-8000-000000000001', name: 'Fabrikam' };
const REPO = '7A2D3E5F-0000-4000-8000-000000000002';

function aPullRequestBuild(id: number, pullRequestId: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    status: 'notStarted',
    reason: 'pullRequest',
    queueTime: '2026-12-02T05:00:01.1234567Z',
    definition: { id: 7, name: 'PR build' },
    repository: { id: REPO, type: 'TfsGit' },
    sourceBranch: `refs/pull/${pullRequestId}/merge`,
    ...extra,
  };
}

describe('listPullRequestBuilds', () => {
  it('asks for pull-request builds of the definitions queued since a whole second, newest queued first', async () => {
    const { get, urls } = scriptedBuildPages([{ builds: [aPullRequestBuild(12, 5)] }]);

    const builds = await listPullRequestBuilds(get, org, project, [7, 9], {
      sinceMs: Date.UTC(2026, 11, 2, 5, 0, 0, 750),
    });

    expect(builds).toEqual([
      {
        id: 12,
        definitionId: 7,
        repositoryId: REPO.toLowerCase(),
        pullRequestId: 5,
        queuedAtMs: Date.UTC(2026, 11, 2, 5, 0, 1, 123),
      },
    ]);
    expect(Object.fromEntries(urls[0]?.searchParams ?? [])).toEqual({
      definitions: '7,9',
      reasonFilter: 'pullRequest',
      minTime: '2026-12-02T05:00:00Z',
      queryOrder: 'queueTimeDescending',
      $top: '100',
      'api-version': '7.1',
    });
  });

  it('takes the pull request from triggerInfo when the source branch is not its merge ref, and leaves out other builds', async () => {
    const fromTrigger = aPullRequestBuild(13, 0, {
      sourceBranch: 'refs/heads/feature/x',
      triggerInfo: { 'pr.number': '44' },
    });
    const notPullRequest = aPullRequestBuild(14, 0, { sourceBranch: 'refs/heads/main', reason: 'manual' });
    const noRepository = aPullRequestBuild(15, 6, { repository: undefined });
    const { get, urls } = scriptedBuildPages([
      { builds: [fromTrigger, notPullRequest], token: 'more' },
      { builds: [noRepository, fromTrigger] },
    ]);

    const builds = await listPullRequestBuilds(get, org, project, [7], { sinceMs: 0 });

    expect(builds.map((build) => [build.id, build.pullRequestId])).toEqual([[13, 44]]);
    expect(urls[1]?.searchParams.get('continuationToken')).toBe('more');
  });

  it('stops at a page with nothing newer than the builds seen before, and goes on after a page of new ones', async () => {
    const { get, urls } = scriptedBuildPages([
      { builds: [aPullRequestBuild(40, 1), aPullRequestBuild(39, 2)], token: 'p2' },
      { builds: [aPullRequestBuild(31, 3), aPullRequestBuild(30, 4)], token: 'p3' },
      { builds: [aPullRequestBuild(20, 5)] },
    ]);

    const builds = await listPullRequestBuilds(get, org, project, [7], { sinceMs: 0, seenUpToId: 31 });

    expect(builds.map((build) => build.id)).toEqual([40, 39, 31, 30]);
    expect(urls).toHaveLength(2);
  });

  it('refuses a build that is not an object, naming the listing', async () => {
    const { get } = scriptedBuildPages([{ builds: ['not a build'] }]);

    await expect(listPullRequestBuilds(get, org, project, [7], { sinceMs: 0 })).rejects.toThrow(
      /build has no number "id"/,
    );
  });
});
