import { describe, expect, it } from 'vitest';

import {
  aPullRequest,
  aRequeueRun,
  aReviewerCheck,
  anExpiredBuildCheck,
} from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import { ApiFailure, CheckNoLongerApplicableError } from './checks-api.js';
import type { PolicyCheck, PullRequest } from './model.js';
import { buildQueries, runRequeue, type RequeueOptions } from './run-requeue.js';

const options: RequeueOptions = aRequeueRun;

function world(entries: [PullRequest, PolicyCheck[]][]) {
  return {
    pullRequests: entries.map(([pr]) => pr),
    checks: new Map(entries.map(([pr, checks]) => [pr.id, checks])),
  };
}

describe('runRequeue', () => {
  it('requeues expired build checks and accounts for every check with a verdict', async () => {
    const expired = anExpiredBuildCheck();
    const fresh = anExpiredBuildCheck({ isExpired: false, status: 'approved' });
    const { api, calls } = createFakeChecksApi(
      world([[aPullRequest({ id: 1 }), [expired, fresh, aReviewerCheck()]]]),
    );

    const result = await runRequeue(options, api);

    expect(calls.requeue).toEqual([expired.evaluationId]);
    expect(result.summary).toEqual({
      pullRequests: 1,
      checks: 2,
      requeued: 1,
      wouldRequeue: 0,
      skipped: 1,
      failed: 0,
      retried: 0,
      buildsAvoided: { inProgress: 0, drafts: 0, conflicts: 0, budget: 0, deferred: 0, sameCommits: 0 },
    });
    expect(result.pullRequests[0]?.checks.map((c) => c.action)).toEqual(['requeued', 'skipped']);
  });

  it('does not read the checks of drafts and conflicted pull requests', async () => {
    const draft = aPullRequest({ isDraft: true });
    const conflicted = aPullRequest({ mergeStatus: 'conflicts' });
    const { api, calls } = createFakeChecksApi(
      world([
        [draft, [anExpiredBuildCheck()]],
        [conflicted, [anExpiredBuildCheck()]],
      ]),
    );

    const result = await runRequeue(options, api);

    expect(calls.listChecks).toEqual([]);
    expect(result.pullRequests.map((p) => p.skipReason)).toEqual(['draft', 'conflicts']);
  });

  it('sends no requeue in a dry run and reports what it would do', async () => {
    const { api, calls } = createFakeChecksApi(world([[aPullRequest(), [anExpiredBuildCheck()]]]));

    const result = await runRequeue({ ...options, dryRun: true }, api);

    expect(calls.requeue).toEqual([]);
    expect(result.summary.wouldRequeue).toBe(1);
  });

  it('reads every page past the first', async () => {
    const entries = Array.from(
      { length: 25 },
      (_, i) => [aPullRequest({ id: 1000 + i }), [anExpiredBuildCheck()]] as [PullRequest, PolicyCheck[]],
    );
    const { api, calls } = createFakeChecksApi({ ...world(entries), pageSize: 10 });

    const result = await runRequeue(options, api);

    expect(calls.listChecks).toHaveLength(25);
    expect(result.summary.requeued).toBe(25);
  });

  it('reports a refused requeue as failed, marks the auth failure, and still requeues the others', async () => {
    const refused = anExpiredBuildCheck();
    const fine = anExpiredBuildCheck();
    const failure = new ApiFailure('auth', 'requeue failed with 403: TF401027', 'TF401027');
    const { api } = createFakeChecksApi({
      ...world([
        [aPullRequest({ id: 1 }), [refused]],
        [aPullRequest({ id: 2 }), [fine]],
      ]),
      requeueFailures: new Map([[refused.evaluationId, failure]]),
    });

    const result = await runRequeue(options, api);

    expect(result.authFailure).toBe(true);
    expect(result.summary).toMatchObject({ requeued: 1, failed: 1 });
    const failed = result.pullRequests.flatMap((p) => p.checks).find((c) => c.action === 'failed');
    expect(failed).toMatchObject({ errorCode: 'TF401027' });
  });

  it('reports a check that vanished between listing and requeue as skipped, not failed', async () => {
    const check = anExpiredBuildCheck();
    const { api } = createFakeChecksApi({
      ...world([[aPullRequest(), [check]]]),
      requeueFailures: new Map([
        [check.evaluationId, new CheckNoLongerApplicableError('vanished', 'the PR was completed')],
      ]),
    });

    const result = await runRequeue(options, api);

    expect(result.summary).toMatchObject({ skipped: 1, failed: 0 });
    expect(result.pullRequests[0]?.checks[0]).toMatchObject({ skipReason: 'vanished' });
  });

  it('starts nothing once stopped, and reports the rest as interrupted', async () => {
    const stop = new AbortController();
    stop.abort();
    const { api, calls } = createFakeChecksApi(world([[aPullRequest(), [anExpiredBuildCheck()]]]));

    const result = await runRequeue({ ...options, stopSignal: stop.signal }, api);

    expect(calls.requeue).toEqual([]);
    expect(result.interrupted).toBe(true);
    expect(result.pullRequests[0]?.skipReason).toBe('interrupted');
  });

  it('reports what was listed when the stop cuts the listing short (e.g. --timeout mid-page)', async () => {
    const stop = new AbortController();
    const listed = aPullRequest({ id: 1 });
    const { api, calls } = createFakeChecksApi(world([[listed, [anExpiredBuildCheck()]]]));
    api.listPullRequests = async function* () {
      yield await Promise.resolve([listed]);
      stop.abort(new Error('timeout'));
      throw new ApiFailure('other', 'list active pull requests failed: aborted', 'AbortError');
    };

    const result = await runRequeue({ ...options, stopSignal: stop.signal }, api);

    expect(result.interrupted).toBe(true);
    expect(result.pullRequests.map((pr) => pr.pullRequest.id)).toEqual([1]);
    expect(calls.requeue).toEqual([]);
  });

  it('reports a failed listing and goes on with the other projects (issue 15.C)', async () => {
    const pullRequest = aPullRequest({ id: 7, project: { id: 'id-Two', name: 'Two' } });
    const { api, calls } = createFakeChecksApi(world([[pullRequest, [anExpiredBuildCheck()]]]));
    api.listPullRequests = async function* (query) {
      if (query.project.name === 'One') {
        yield await Promise.reject(new ApiFailure('other', 'list failed with 500', 'HTTP 500'));
      }
      yield await Promise.resolve([pullRequest]);
    };

    const result = await runRequeue(
      { ...options, scope: { ...options.scope, projects: ['One', 'Two'] } },
      api,
    );

    expect(calls.requeue).toHaveLength(1);
    expect(result.listingFailures).toEqual([
      { project: 'One', reason: 'list failed with 500', errorCode: 'HTTP 500', authFailure: false },
    ]);
    expect(result.summary).toMatchObject({ requeued: 1, failed: 1, failedListings: 1 });
    expect(result.authFailure).toBe(false);
  });

  it('marks a run with a project the token may not list as an authorization failure', async () => {
    const { api } = createFakeChecksApi(world([]));
    api.listPullRequests = async function* () {
      yield await Promise.reject(new ApiFailure('auth', 'failed with 403', 'TF401027'));
    };

    const result = await runRequeue(options, api);

    expect(result.authFailure).toBe(true);
    expect(result.listingFailures?.[0]).toMatchObject({ errorCode: 'TF401027', authFailure: true });
  });

  it('stops reading after an authentication failure, requeues nothing, and still reports (issue 15.D)', async () => {
    const refused = aPullRequest({ id: 1 });
    const readable = aPullRequest({ id: 2 });
    const { api, calls } = createFakeChecksApi(
      world([
        [refused, []],
        [readable, [anExpiredBuildCheck({ evaluationId: 'e2' })]],
      ]),
    );
    const listChecks = api.listChecks.bind(api);
    api.listChecks = (pullRequest) =>
      pullRequest.id === 1
        ? Promise.reject(new ApiFailure('auth', 'failed with 401', 'HTTP 401'))
        : listChecks(pullRequest);

    const result = await runRequeue(
      { ...options, scope: { ...options.scope, projects: ['One', 'Two'] } },
      api,
    );

    expect(calls.requeue).toEqual([]);
    expect(result).toMatchObject({ authFailure: true, interrupted: true });
    const byId = new Map(result.pullRequests.map((pr) => [pr.pullRequest.id, pr]));
    expect(byId.get(1)?.error).toMatch(/401/);
    expect(byId.get(2)?.checks[0]).toMatchObject({ action: 'skipped', skipReason: 'interrupted' });
    // The second project's listing was never started: the report names it.
    expect(result.listingFailures).toEqual([
      expect.objectContaining({ project: 'Two', errorCode: 'not-reached' }),
    ]);
  });
});

describe('target branch prefix patterns (issue 15.F)', () => {
  it('lists once without a branch filter and keeps only pull requests into a matching branch', async () => {
    const release = aPullRequest({ id: 1, targetBranch: 'refs/heads/release/2.0' });
    const main = aPullRequest({ id: 2, targetBranch: 'refs/heads/main' });
    const { api, calls } = createFakeChecksApi(
      world([
        [release, [anExpiredBuildCheck({ evaluationId: 'e1' })]],
        [main, [anExpiredBuildCheck({ evaluationId: 'e2' })]],
      ]),
    );

    const result = await runRequeue({ ...options, targetBranches: ['refs/heads/release/*'] }, api);

    expect(calls.queries.map((query) => query.targetBranch)).toEqual([undefined]);
    expect(result.pullRequests.map((pr) => pr.pullRequest.id)).toEqual([1]);
    expect(calls.requeue).toEqual(['e1']);
  });
});

describe('buildQueries', () => {
  it('sends exact branches to the server and shares one filtered query for the prefixes', () => {
    const scope = { projects: [{ id: 'p1', name: 'One' }], repositories: [] };

    const queries = buildQueries(scope, ['refs/heads/main', 'refs/heads/release/*', 'refs/heads/hotfix/*']);

    expect(queries).toEqual([
      { project: scope.projects[0], targetBranch: 'refs/heads/main' },
      { project: scope.projects[0], targetBranchPrefixes: ['refs/heads/release/', 'refs/heads/hotfix/'] },
    ]);
  });

  it('asks the server for each project × repository × target branch', () => {
    const scope = {
      projects: [{ id: 'p1', name: 'One' }],
      repositories: [
        { id: 'r1', name: 'web', projectId: 'p1' },
        { id: 'r2', name: 'api', projectId: 'p1' },
      ],
    };

    const queries = buildQueries(scope, ['refs/heads/main', 'refs/heads/develop']);

    expect(queries.map((q) => `${q.repository?.name}@${q.targetBranch}`)).toEqual([
      'web@refs/heads/main',
      'web@refs/heads/develop',
      'api@refs/heads/main',
      'api@refs/heads/develop',
    ]);
  });
});
