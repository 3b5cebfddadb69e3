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
    const isStillActive = createActivePullRequests({ list, clock: steppedClock() });

    const answers = await Promise.all([1, 3, 9].map((id) => isStillActive(inRepository(id, 'web'))));

    expect(answers).toEqual([true, true, false]);
    expect(queries).toEqual([
      {
        project: { id: 'p', name: 'P' },
        repository: { id: 'web', name: 'web' },
        targetBranch: 'refs/heads/main',
      },
    ]);
  });

  it('lists again once its listing is older than maxAgeMs, and keeps repositories and branches apart', async () => {
    const clock = steppedClock();
    const active = { web: [1], api: [5] };
    const { list, queries } = recordingListing(active);
    const isStillActive = createActivePullRequests({ list, clock, maxAgeMs: 60_000 });

    expect(await isStillActive(inRepository(1, 'web'))).toBe(true);
    expect(await isStillActive(inRepository(5, 'api'))).toBe(true);
    expect(await isStillActive(inRepository(1, 'web', 'refs/heads/release'))).toBe(true);
    active.web = []; // completed since
    clock.advance(59_999);
    expect(await isStillActive(inRepository(1, 'web'))).toBe(true); // still the same listing
    clock.advance(1);
    expect(await isStillActive(inRepository(1, 'web'))).toBe(false);

    expect(queries.map((query) => `${query.repository?.id} ${query.targetBranch}`)).toEqual([
      'web refs/heads/main',
      'api refs/heads/main',
      'web refs/heads/release',
      'web refs/heads/main',
    ]);
  });

  it('cannot tell (undefined) when the listing fails, and does not retry it for every pull request', async () => {
    const { list, queries } = recordingListing({ web: [1] }, ['web']);
    const isStillActive = createActivePullRequests({ list, clock: steppedClock() });

    expect(await isStillActive(inRepository(1, 'web'))).toBeUndefined();
    expect(await isStillActive(inRepository(2, 'web'))).toBeUndefined();
    expect(queries).toHaveLength(1);
  });
});
