import { describe, expect, it } from 'vitest';

import { aPullRequest } from '../../test/support/builders.js';
import type { ChecksApi, Clock, PullRequest } from '../index.js';
import { hasSettled, waitForRemerge } from './wait-for-remerge.js';

const NEW = 'f'.repeat(40);
const OLD = 'e'.repeat(40);

/** A listing that answers with the next snapshot on each call (the last one repeats), on a fake clock. */
function aServer(snapshots: PullRequest[][]) {
  let listings = 0;
  let nowMs = 0;
  const clock: Clock = { now: () => nowMs, sleep: (ms) => ((nowMs += ms), Promise.resolve()) };
  const api = {
    async *listPullRequests() {
      yield await Promise.resolve(snapshots[Math.min(listings++, snapshots.length - 1)] ?? []);
    },
  } as unknown as ChecksApi;
  return { api, clock, listings: () => listings };
}

const query = { project: { id: 'p', name: 'P' } };

describe('waitForRemerge', () => {
  it('returns after one listing when every PR already merged with the pushed commit', async () => {
    const server = aServer([[aPullRequest({ lastMergeTargetCommit: NEW })]]);
    const wait = await waitForRemerge(server.api, query, NEW, { timeoutMs: 5000, clock: server.clock });
    expect(wait).toMatchObject({ settled: true, pullRequests: 1, waitedMs: 0 });
    expect(server.listings()).toBe(1);
  });

  it('lists again, with growing pauses, until the re-merge is done', async () => {
    const before = aPullRequest({ id: 1, lastMergeTargetCommit: OLD });
    const after = { ...before, lastMergeTargetCommit: NEW };
    const server = aServer([[before], [before], [after]]);
    const wait = await waitForRemerge(server.api, query, NEW, { timeoutMs: 5000, clock: server.clock });
    expect(wait).toMatchObject({ settled: true, waitedMs: 300 });
    expect(server.listings()).toBe(3);
  });

  it('gives up at the settle timeout and says how many PRs had not settled', async () => {
    const server = aServer([
      [aPullRequest({ lastMergeTargetCommit: OLD }), aPullRequest({ lastMergeTargetCommit: NEW })],
    ]);
    const wait = await waitForRemerge(server.api, query, NEW, { timeoutMs: 1000, clock: server.clock });
    expect(wait).toMatchObject({ settled: false, unsettled: 1, waitedMs: 1000 });
  });
});

describe('hasSettled', () => {
  it.each([
    ['merged with the pushed commit', { lastMergeTargetCommit: NEW.toUpperCase() }, true],
    ['still on the old target', { lastMergeTargetCommit: OLD }, false],
    ['merging', { lastMergeTargetCommit: OLD, mergeStatus: 'queued' }, false],
    ['in conflict (no merge commit comes)', { lastMergeTargetCommit: OLD, mergeStatus: 'conflicts' }, true],
  ])('a PR %s: %s', (_what, overrides, settled) => {
    expect(hasSettled(aPullRequest(overrides), NEW)).toBe(settled);
  });
});
