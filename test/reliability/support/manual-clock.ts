// A clock that moves only when the test says so: sleeps wait until `advance` passes their due time (or their signal
// aborts). Lets a test look at what happened *before* a wait ended, which an instant clock cannot show.
import type { Clock } from '../../../src/util/clock.js';

interface Timer {
  readonly dueMs: number;
  readonly resolve: () => void;
}

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, waking every sleep due by then, in due order. */
  advance(ms: number): Promise<void>;
}

export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let nowMs = startMs;
  let timers: Timer[] = [];
  return {
    now: () => nowMs,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      return new Promise<void>((resolve, reject) => {
        const timer: Timer = {
          dueMs: nowMs + ms,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        function onAbort(): void {
          timers = timers.filter((entry) => entry !== timer);
          reject(signal?.reason as Error);
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
      });
    },
    async advance(ms) {
      const targetMs = nowMs + ms;
      for (;;) {
        const next = timers.filter((timer) => timer.dueMs <= targetMs).sort((a, b) => a.dueMs - b.dueMs)[0];
        if (next === undefined) break;
        timers = timers.filter((timer) => timer !== next);
        nowMs = Math.max(nowMs, next.dueMs);
        next.resolve();
        await settleMacrotasks();
      }
      nowMs = targetMs;
      await settleMacrotasks();
    },
  };
}

/** Lets pending promise chains and setImmediate callbacks run. */
export async function settleMacrotasks(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round += 1) await new Promise((resolve) => setImmediate(resolve));
}
