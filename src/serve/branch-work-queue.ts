// The work of pushes, one entry per repository + branch. A push starts at once when a worker is free (no window
// holds the first one back); a push to a branch that is already waiting merges into that entry, and one to a branch
// being worked on waits as a single follow-up, so a burst of pushes costs at most two runs per branch. The sweep
// runs alone (`runExclusive`): two runs over the same pull request could both requeue it (decision 0008).

export type SubmitResult = 'started' | 'queued' | 'coalesced';

export interface BranchWorkQueue<T> {
  /**
   * Takes every entry or none: 'full' when the new entries would not fit (the caller answers 503), 'closed' once
   * shutting down. Otherwise one result per entry, in order.
   */
  submit(entries: readonly { key: string; item: T }[]): readonly SubmitResult[] | 'full' | 'closed';
  /** Runs `work` once no branch work is running; branch work waits meanwhile (and is still accepted). */
  runExclusive(work: () => Promise<void>): Promise<void>;
  /** Entries waiting plus entries running. */
  depth(): number;
  /** Stops taking work, forgets what has not started (returned), and resolves once running work has finished. */
  close(): { abandoned: readonly T[]; finished: Promise<void> };
}

export interface BranchWorkQueueOptions<T> {
  /** At most this many branches waiting (follow-ups included). */
  readonly maxWaiting: number;
  /** At most this many branches worked on at once. */
  readonly concurrency: number;
  /** A newer push to a waiting branch: keep what both need (the newest commit, the earliest receipt). */
  readonly merge: (waiting: T, newer: T) => T;
  /** Must not throw; failures are the caller's to log. */
  readonly work: (item: T) => Promise<void>;
}

export function createBranchWorkQueue<T>(options: BranchWorkQueueOptions<T>): BranchWorkQueue<T> {
  const waiting = new Map<string, T>();
  const running = new Set<string>();
  const exclusive: { work: () => Promise<void>; done: () => void }[] = [];
  let exclusiveRunning = false;
  let closed = false;
  const idle: (() => void)[] = [];

  function settleIdle(): void {
    if (running.size === 0 && !exclusiveRunning) idle.splice(0).forEach((resolve) => resolve());
  }

  function pump(): void {
    if (exclusiveRunning) return;
    const next = exclusive[0];
    if (next) {
      if (running.size > 0) return;
      exclusive.shift();
      exclusiveRunning = true;
      void next
        .work()
        .catch(() => undefined)
        .finally(() => {
          exclusiveRunning = false;
          next.done();
          pump();
          settleIdle();
        });
      return;
    }
    for (const [key, item] of waiting) {
      if (running.size >= options.concurrency) break;
      if (running.has(key)) continue;
      waiting.delete(key);
      running.add(key);
      void options
        .work(item)
        .catch(() => undefined)
        .finally(() => {
          running.delete(key);
          pump();
          settleIdle();
        });
    }
  }

  return {
    submit(entries) {
      if (closed) return 'closed';
      const fresh = new Set(entries.map((entry) => entry.key).filter((key) => !waiting.has(key)));
      if (waiting.size + fresh.size > options.maxWaiting) return 'full';
      const results = entries.map(({ key, item }): SubmitResult => {
        const earlier = waiting.get(key);
        if (earlier !== undefined) {
          waiting.set(key, options.merge(earlier, item));
          return 'coalesced';
        }
        waiting.set(key, item);
        return 'queued';
      });
      pump();
      return results.map((result, index) => {
        const key = entries[index]?.key ?? '';
        return result === 'queued' && running.has(key) && !waiting.has(key) ? 'started' : result;
      });
    },
    runExclusive(work) {
      return new Promise<void>((resolve) => {
        exclusive.push({ work, done: resolve });
        pump();
      });
    },
    depth: () => waiting.size + running.size,
    close() {
      closed = true;
      const abandoned = [...waiting.values()];
      waiting.clear();
      exclusive.splice(0).forEach((entry) => entry.done());
      const finished =
        running.size === 0 && !exclusiveRunning
          ? Promise.resolve()
          : new Promise<void>((resolve) => idle.push(resolve));
      return { abandoned, finished };
    },
  };
}
