import { describe, expect, it } from 'vitest';

import { createBranchWorkQueue } from './branch-work-queue.js';

interface Item {
  readonly commit: string;
}

function aQueue(options: { maxWaiting?: number; concurrency?: number } = {}) {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const queue = createBranchWorkQueue<Item>({
    maxWaiting: options.maxWaiting ?? 10,
    concurrency: options.concurrency ?? 2,
    merge: (_waiting, newer) => newer,
    work: (item) =>
      new Promise<void>((resolve) => {
        started.push(item.commit);
        releases.set(item.commit, resolve);
      }),
  });
  const release = async (commit: string) => {
    releases.get(commit)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, started, release };
}

describe('createBranchWorkQueue', () => {
  it('starts a push at once when a worker is free', () => {
    const { queue, started } = aQueue();
    expect(queue.submit([{ key: 'main', item: { commit: 'c1' } }])).toEqual(['started']);
    expect(started).toEqual(['c1']);
  });

  it('keeps one follow-up per running branch, with the newest commit', async () => {
    const { queue, started, release } = aQueue();
    queue.submit([{ key: 'main', item: { commit: 'c1' } }]);
    expect(queue.submit([{ key: 'main', item: { commit: 'c2' } }])).toEqual(['queued']);
    expect(queue.submit([{ key: 'main', item: { commit: 'c3' } }])).toEqual(['coalesced']);
    expect(queue.depth()).toBe(2);
    await release('c1');
    expect(started).toEqual(['c1', 'c3']);
  });

  it('works different branches side by side up to the concurrency', () => {
    const { queue, started } = aQueue({ concurrency: 2 });
    queue.submit([
      { key: 'a', item: { commit: 'a1' } },
      { key: 'b', item: { commit: 'b1' } },
      { key: 'c', item: { commit: 'c1' } },
    ]);
    expect(started).toEqual(['a1', 'b1']);
  });

  it('says full, and takes none of the entries, when they would not fit', () => {
    const { queue } = aQueue({ maxWaiting: 2, concurrency: 1 });
    queue.submit([{ key: 'a', item: { commit: 'a1' } }]);
    queue.submit([
      { key: 'b', item: { commit: 'b1' } },
      { key: 'c', item: { commit: 'c1' } },
    ]);
    expect(queue.submit([{ key: 'd', item: { commit: 'd1' } }])).toBe('full');
    // A push to a branch already waiting still fits: it merges.
    expect(queue.submit([{ key: 'b', item: { commit: 'b2' } }])).toEqual(['coalesced']);
  });

  it('runs exclusive work alone: it waits for running work, and new work waits for it', async () => {
    const { queue, started, release } = aQueue();
    queue.submit([{ key: 'a', item: { commit: 'a1' } }]);
    const order: string[] = [];
    const sweep = queue.runExclusive(() => {
      order.push(`sweep with ${started.length} started`);
      return Promise.resolve();
    });
    queue.submit([{ key: 'b', item: { commit: 'b1' } }]);
    expect(order).toEqual([]);
    await release('a1');
    await sweep;
    expect(order).toEqual(['sweep with 1 started']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'b1']);
  });

  it('on close forgets waiting work and resolves when running work is done', async () => {
    const { queue, release } = aQueue({ concurrency: 1 });
    queue.submit([
      { key: 'a', item: { commit: 'a1' } },
      { key: 'b', item: { commit: 'b1' } },
    ]);
    const { abandoned, finished } = queue.close();
    expect(abandoned).toEqual([{ commit: 'b1' }]);
    expect(queue.submit([{ key: 'c', item: { commit: 'c1' } }])).toBe('closed');
    let done = false;
    void finished.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    await release('a1');
    expect(done).toBe(true);
  });
});
