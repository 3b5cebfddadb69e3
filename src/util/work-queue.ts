// A queue drained by at most `n` workers while items are still being added: the listing of pull requests feeds
// it page by page and reading starts with the first page. Queued items are plain values, not one pending
// promise and closure per item: with 10,000 pull requests queued that difference was about 6 MB of live heap
// at the end of the listing, all of it promoted to the old generation before it died (docs/performance.md).

export interface WorkQueue<T> {
  /** Queues an item; a worker picks it up as soon as one is free. */
  add(item: T): void;
  /** Call after the last `add`: resolves once every item has been worked, or rejects with the first error. */
  drained(): Promise<void>;
  /** Items added but not yet started. */
  readonly pendingCount: number;
}

/** Creates a queue whose items are passed to `work`, at most `n` (≥ 1) at a time, in the order added. */
export function createWorkQueue<T>(n: number, work: (item: T) => Promise<void>): WorkQueue<T> {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${String(n)}`);
  }
  let items: (T | undefined)[] = [];
  let head = 0;
  let workers = 0;
  let closed = false;
  let failure: { error: unknown } | undefined;
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  function take(): T | undefined {
    const item = items[head];
    items[head] = undefined;
    head += 1;
    // Drop the consumed front now and then, so a long run does not keep an array of every item ever added.
    if (head >= 1024 && head * 2 >= items.length) {
      items = items.slice(head);
      head = 0;
    }
    return item;
  }

  function finishIfDone(): void {
    if (!closed || workers > 0 || head < items.length || !settle) return;
    if (failure) settle.reject(failure.error);
    else settle.resolve();
  }

  async function runWorker(): Promise<void> {
    while (head < items.length) {
      const item = take() as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
    workers -= 1;
    finishIfDone();
  }

  return {
    add(item) {
      if (closed) throw new Error('the queue was drained: nothing can be added');
      items.push(item);
      if (workers < n) {
        workers += 1;
        void runWorker();
      }
    },
    drained() {
      closed = true;
      return new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
        finishIfDone();
      });
    },
    get pendingCount() {
      return items.length - head;
    },
  };
}
