import { describe, expect, it } from 'vitest';

import type { PullRequestQuery } from '../requeue/checks-api.js';
import type { PullRequest } from '../requeue/model.js';
import { aPullRequest } from '../../test/support/builders.js';
import { createActivePullRequests, type ListPullRequests } from './active-pull-requests.js';

/** A listing that answers from `active` (by repository id) and records each query it was asked. */
function recordingListing(active: Record<string, number[]>, failFor: string[] = []) {
  const queries: PullRequestQuery[] = [];
  const list: ListPullRequests = async function* (query) {
    queries.push(query);
    await Promise.resolve();
    const repository = query.repository?.id ?? '';
    if (failFor.includes(repository)) throw new Error('listing failed');
    const ids = active[repository] ?? [];
    // Two pages, as the adapter would yield them.
    yield ids.slice(0, 1).map((id) => aPullRequest({ id }));
    yield ids.slice(1).map((id) => aPullRequest({ id }));
  };
  return { list, queries };
}

function steppedClock() {
  let nowMs = 0;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

const inRepository = (id: number, repository: string, targetBranch = 'refs/heads/main'): PullRequest =>
  aPullRequest({
    id,
    project: { id: 'p', name: 'P' },
    repository: { id: repository, name: repository },
    targetBranch,
  });

describe('createActivePullRequests', () => {
  it('answers from one listing per repository and branch, shared by every pull request asked about', async () => {
    const { list, queries } = recordingListing({ web: [1, 2, 3] });
    const isStillActive = createActivePullRequests({ list, clock: steppedClock(), maxAgeMs: 15_000 });

    const answers = await Promise.all([1, 3, 9].map((id) => isStillActive(inRepository(id, 'web'))));

    // 9 is not listed: that proves nothing (paging by position can hide it), so the caller reads it itself.
    expect(answers).toEqual([true, true, undefined]);
    expect(queries).toEqual([
      {
        project: { id: 'p', name: 'P' },
        repository: { id: 'web', name: 'web' },
        targetBranch: 'refs/heads/main',
      },
    ]);
  });

  it('lists again once its listing finished longer than maxAgeMs ago, and keeps repositories and branches apart', async () => {
    const clock = steppedClock();
    const active = { web: [1], api: [5] };
    const { list, queries } = recordingListing(active);
    const isStillActive = createActivePullRequests({ list, clock, maxAgeMs: 15_000 });

    expect(await isStillActive(inRepository(1, 'web'))).toBe(true);
    expect(await isStillActive(inRepository(5, 'api'))).toBe(true);
    expect(await isStillActive(inRepository(1, 'web', 'refs/heads/release'))).toBe(true);
    active.web = []; // completed since
    clock.advance(14_999);
    expect(await isStillActive(inRepository(1, 'web'))).toBe(true); // still the same listing
    clock.advance(1);
    expect(await isStillActive(inRepository(1, 'web'))).toBeUndefined();

    expect(queries.map((query) => `${query.repository?.id} ${query.targetBranch}`)).toEqual([
      'web refs/heads/main',
      'api refs/heads/main',
      'web refs/heads/release',
      'web refs/heads/main',
    ]);
  });

  it('shares a listing still in progress however old it gets, instead of starting more', async () => {
    const clock = steppedClock();
    let finish = (): void => undefined;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let listings = 0;
    const list: ListPullRequests = async function* () {
      listings += 1;
      await held;
      yield [aPullRequest({ id: 1 })];
    };
    const isStillActive = createActivePullRequests({ list, clock, maxAgeMs: 15_000 });

    const first = isStillActive(inRepository(1, 'web'));
    clock.advance(60_000); // a slow, throttled listing
    const second = isStillActive(inRepository(1, 'web'));
    finish();

    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(listings).toBe(1);
  });

  it('cannot tell (undefined) when the listing fails, and does not retry it for every pull request', async () => {
    const { list, queries } = recordingListing({ web: [1] }, ['web']);
    const isStillActive = createActivePullRequests({ list, clock: steppedClock(), maxAgeMs: 15_000 });

    expect(await isStillActive(inRepository(1, 'web'))).toBeUndefined();
    expect(await isStillActive(inRepository(2, 'web'))).toBeUndefined();
    expect(queries).toHaveLength(1);
  });
});
