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
  const pauses: number[] = [];
  const clock: Clock = {
    now: () => nowMs,
    sleep: (ms) => (pauses.push(ms), (nowMs += ms), Promise.resolve()),
  };
  const api = {
    async *listPullRequests() {
      yield await Promise.resolve(snapshots[Math.min(listings++, snapshots.length - 1)] ?? []);
    },
  } as unknown as ChecksApi;
  return { api, clock, listings: () => listings, pauses };
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

  it('keeps the pause short while PRs are settling, so the wait ends soon after the last re-merge', async () => {
    const prs = [1, 2, 3].map((id) => aPullRequest({ id, lastMergeTargetCommit: OLD }));
    const merged = (count: number) =>
      prs.map((pr, index) => (index < count ? { ...pr, lastMergeTargetCommit: NEW } : pr));
    const server = aServer([merged(0), merged(1), merged(2), merged(3)]);
    const wait = await waitForRemerge(server.api, query, NEW, { timeoutMs: 5000, clock: server.clock });
    expect(server.pauses).toEqual([100, 100, 100]);
    expect(wait).toMatchObject({ settled: true, waitedMs: 300 });
  });

  it('backs off while nothing moves, never past one second between listings', async () => {
    const server = aServer([[aPullRequest({ lastMergeTargetCommit: OLD })]]);
    await waitForRemerge(server.api, query, NEW, { timeoutMs: 5000, clock: server.clock });
    expect(server.pauses).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 500]);
  });

  it('hands back the settled listing page by page, for the run to reuse', async () => {
    const first = aPullRequest({ lastMergeTargetCommit: NEW });
    const second = aPullRequest({ lastMergeTargetCommit: NEW });
    const api = {
      async *listPullRequests() {
        yield await Promise.resolve([first]);
        yield await Promise.resolve([second]);
      },
    } as unknown as ChecksApi;
    const clock = aServer([]).clock;
    const wait = await waitForRemerge(api, query, NEW, { timeoutMs: 5000, clock });
    expect(wait.pages).toEqual([[first], [second]]);
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
