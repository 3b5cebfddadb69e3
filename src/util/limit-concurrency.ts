// A tiny promise queue: at most `n` functions run at once; the rest wait in FIFO order.
// The HTTP concurrency policy's slots (STYLE.md §2 guideline 4), where callers arrive one request at a time. A
// fan-out over thousands of items uses work-queue.ts instead, which queues the items rather than a closure each.
// Written without Promise.withResolvers, which Node 20 lacks.

export interface ConcurrencyLimiter {
  /** Runs `fn` once a slot is free. A waiting call rejects with the signal's reason when it aborts. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Calls currently holding a slot. */
  readonly activeCount: number;
  /** Calls waiting for a slot. */
  readonly pendingCount: number;
}

interface Waiter {
  readonly start: () => void;
}

/** Creates a limiter that lets at most `n` (≥ 1) calls run concurrently. */
export function limitConcurrency(n: number): ConcurrencyLimiter {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${String(n)}`);
  }
  const queue: Waiter[] = [];
  let active = 0;

  function release(): void {
    active -= 1;
    const waiter = queue.shift();
    waiter?.start();
  }

  function acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (active < n) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          active += 1;
          resolve();
        },
      };
      function onAbort(): void {
        queue.splice(queue.indexOf(waiter), 1);
        reject(signal?.reason as Error);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  return {
    async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquire(signal);
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get activeCount() {
      return active;
    },
    get pendingCount() {
      return queue.length;
    },
  };
}
