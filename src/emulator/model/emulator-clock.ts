// The emulator's clock: wall time plus an offset that the control API can advance (expiry and builds use it).

/** Time source for everything time-dependent in the policy engine (build expiry after N hours, builds). */
export interface EmulatorClock {
  /** Current emulated time in epoch milliseconds. */
  nowMs(): number;
  /** Moves emulated time forward; wall-clock waits (Retry-After windows, latency) are not affected. */
  advanceMinutes(minutes: number): number;
  /** How far emulated time is ahead of wall time. */
  offsetMs(): number;
  reset(): void;
}

export function createEmulatorClock(wallNowMs: () => number = Date.now): EmulatorClock {
  let offset = 0;
  return {
    nowMs: () => wallNowMs() + offset,
    advanceMinutes: (minutes) => {
      if (!Number.isFinite(minutes) || minutes < 0) {
        throw new RangeError('minutes must be a non-negative number');
      }
      offset += minutes * 60_000;
      return wallNowMs() + offset;
    },
    offsetMs: () => offset,
    reset: () => {
      offset = 0;
    },
  };
}
