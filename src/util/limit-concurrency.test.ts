import { describe, expect, it } from 'vitest';

import { limitConcurrency } from './limit-concurrency.js';

/** A promise plus the functions that settle it (Node 20 has no Promise.withResolvers). */
function aDeferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('limitConcurrency', () => {
  it('runs at most n functions at once and starts waiting ones in FIFO order', async () => {
    const limiter = limitConcurrency(2);
    const gates = [aDeferred<void>(), aDeferred<void>(), aDeferred<void>()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();

    expect(started).toEqual([0, 1]);
    expect([limiter.activeCount, limiter.pendingCount]).toEqual([2, 1]);
    gates[1]?.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.resolve();
    gates[2]?.resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect([limiter.activeCount, limiter.pendingCount]).toEqual([0, 0]);
  });

  it('frees the slot when the function throws', async () => {
    const limiter = limitConcurrency(1);

    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('removes a waiting call whose signal aborts, without running it', async () => {
    const limiter = limitConcurrency(1);
    const blocker = aDeferred<void>();
    const first = limiter.run(() => blocker.promise);
    const controller = new AbortController();
    let ran = false;
    const second = limiter.run(() => {
      ran = true;
      return Promise.resolve();
    }, controller.signal);

    controller.abort(new Error('cancelled'));

    await expect(second).rejects.toThrow('cancelled');
    expect(limiter.pendingCount).toBe(0);
    blocker.resolve();
    await first;
    expect(ran).toBe(false);
  });

  it('rejects at once for an already aborted signal', async () => {
    await expect(
      limitConcurrency(1).run(() => Promise.resolve(), AbortSignal.abort(new Error('gone'))),
    ).rejects.toThrow('gone');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s', (n) => {
    expect(() => limitConcurrency(n)).toThrow(RangeError);
  });
});
