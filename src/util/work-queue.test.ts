import { describe, expect, it } from 'vitest';

import { createWorkQueue } from './work-queue.js';

/** A promise with its resolve exposed (Node 20 has no Promise.withResolvers). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createWorkQueue', () => {
  it('works every item, in the order added, never more than n at once', async () => {
    const started: number[] = [];
    let running = 0;
    let mostRunning = 0;
    const queue = createWorkQueue(3, async (item: number) => {
      started.push(item);
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setTimeout(resolve, item % 4));
      running -= 1;
    });

    for (let item = 0; item < 40; item += 1) queue.add(item);
    await queue.drained();

    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(mostRunning).toBe(3);
  });

  it('starts working before the last item is added and picks up items added later', async () => {
    const gate = deferred();
    const worked: string[] = [];
    const queue = createWorkQueue(2, async (item: string) => {
      if (item === 'first') await gate.promise;
      worked.push(item);
    });

    queue.add('first');
    queue.add('second');
    await Promise.resolve();
    expect(worked).toEqual(['second']);
    queue.add('third');
    gate.resolve();
    await queue.drained();

    expect(worked).toEqual(['second', 'third', 'first']);
  });

  it('resolves at once when nothing was added', async () => {
    await expect(createWorkQueue(2, () => Promise.resolve()).drained()).resolves.toBeUndefined();
  });

  it('works the rest after a failure, then rejects with the first error', async () => {
    const worked: number[] = [];
    const queue = createWorkQueue(1, async (item: number) => {
      worked.push(item);
      if (item === 1) throw new Error('first failure');
      if (item === 2) throw new Error('second failure');
      await Promise.resolve();
    });

    for (const item of [0, 1, 2, 3]) queue.add(item);

    await expect(queue.drained()).rejects.toThrow('first failure');
    expect(worked).toEqual([0, 1, 2, 3]);
  });

  it('keeps counting pending items across its internal compaction', async () => {
    const gate = deferred();
    let worked = 0;
    const queue = createWorkQueue(1, async () => {
      await gate.promise;
      worked += 1;
    });

    for (let item = 0; item < 5000; item += 1) queue.add(item);
    expect(queue.pendingCount).toBe(4999);
    gate.resolve();
    await queue.drained();

    expect(worked).toBe(5000);
    expect(queue.pendingCount).toBe(0);
  });

  it('refuses items after drained() and rejects a concurrency below one', () => {
    const queue = createWorkQueue(1, () => Promise.resolve());
    void queue.drained();

    expect(() => queue.add(1)).toThrow(/drained/);
    expect(() => createWorkQueue(0, () => Promise.resolve())).toThrow(RangeError);
  });
});
