// runRequeue with the cross-run guard (decision 0014): what the run reports when another run got there first,
// and when the guard is not used at all.
import { describe, expect, it } from 'vitest';

import { aPullRequest, aRequeueRun, anExpiredBuildCheck } from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import type { ChecksApi, PullRequestBuild } from './checks-api.js';
import type { PullRequest } from './model.js';
import { runRequeue, type RequeueOptions } from './run-requeue.js';

const options: RequeueOptions = aRequeueRun;

/** Two PRs with one expired check each (build 100, definition 7); PR 2's was requeued by someone else (build 150). */
function setUp() {
  const first = aPullRequest({ id: 1 });
  const second = aPullRequest({ id: 2 });
  const checks = new Map([
    [1, [anExpiredBuildCheck({ evaluationId: 'eval-a', buildId: 100, buildDefinitionId: 7 })]],
    [2, [anExpiredBuildCheck({ evaluationId: 'eval-b', buildId: 100, buildDefinitionId: 7 })]],
  ]);
  const { api, calls } = createFakeChecksApi({ pullRequests: [first, second], checks });
  const listings: number[] = [];
  const builds: PullRequestBuild[] = [
    { id: 150, definitionId: 7, repositoryId: second.repository.id.toLowerCase(), pullRequestId: 2 },
  ];
  const guarded: ChecksApi = {
    ...api,
    listPullRequestBuilds: (_project, _definitions, { sinceMs }) => {
      listings.push(sinceMs);
      return Promise.resolve(builds);
    },
  };
  return { guarded, calls, listings, first, second };
}

function verdictOf(result: Awaited<ReturnType<typeof runRequeue>>, pullRequest: PullRequest) {
  return result.pullRequests.find((entry) => entry.pullRequest.id === pullRequest.id)?.checks[0];
}

describe('runRequeue with the cross-run guard', () => {
  it('skips a check another run requeued after this run read it, saying which build, and requeues the rest', async () => {
    const { guarded, calls, listings, first, second } = setUp();
    const startedMs = Date.now();

    const result = await runRequeue(options, guarded);

    expect(calls.requeue).toEqual(['eval-a']);
    expect(verdictOf(result, first)?.action).toBe('requeued');
    expect(verdictOf(result, second)).toMatchObject({
      action: 'skipped',
      skipReason: 'changed',
      reason: expect.stringContaining(
        'build 150 was queued for it after this run read it (with build 100)',
      ) as string,
      trigger: 'expired',
    });
    // Listed from five minutes before the run began: room for a server clock behind ours.
    expect(listings[0]).toBeGreaterThanOrEqual(startedMs - 5 * 60_000 - 1_000);
    expect(listings[0]).toBeLessThanOrEqual(Date.now() - 5 * 60_000);
  });

  it('lists nothing in a dry run or with crossRunGuard: false', async () => {
    const dry = setUp();
    const off = setUp();

    await runRequeue({ ...options, dryRun: true }, dry.guarded);
    await runRequeue({ ...options, crossRunGuard: false }, off.guarded);

    expect(dry.listings).toEqual([]);
    expect(off.listings).toEqual([]);
    expect([...off.calls.requeue].sort()).toEqual(['eval-a', 'eval-b']);
  });
});
