// The periodic sweep: the full scope, as the CLI runs it. Events alone are not enough: deliveries get lost, and
// an "after N hours" expiry may come with no push at all (service-hooks reference §5). The first sweep runs one
// interval after start; a sweep that would start while one is still waiting or running is skipped.
import type { Clock } from '../index.js';

export interface SweepScheduler {
  stop(): void;
}

export function scheduleSweeps(intervalMs: number, clock: Clock, sweep: () => Promise<void>): SweepScheduler {
  const stopping = new AbortController();
  if (intervalMs <= 0) return { stop: () => stopping.abort() };
  void (async () => {
    for (;;) {
      try {
        await clock.sleep(intervalMs, stopping.signal);
      } catch {
        return;
      }
      await sweep();
    }
  })();
  return { stop: () => stopping.abort() };
}
