// One project's gate in the cross-run guard (decision 0014): open once a probe showed nobody else requeueing,
// closed by every yield; while closed, one check at a time goes through as the probe.
import type { Clock } from '../util/clock.js';
import type { PlannedRequeue } from './plan-requeue.js';
import type { BuildWatch } from './watch-pull-request-builds.js';

export interface ProjectGate {
  readonly watch: BuildWatch;
  /** PATCHes go without a probe; closed again by every yield. */
  open: boolean;
  /** Settles when the probe has ended (its PATCH and the listing after it are in). */
  probe?: Promise<void> | undefined;
  endProbe?: (() => void) | undefined;
  /** Checks at the closed gate in this turn of the event loop: one of them, by lot, becomes the probe. */
  candidates: ((won: boolean) => void)[];
  /** Why the listing failed: the project's checks go on as without a guard, and it is not listed again. */
  unguarded?: string;
}

export function createProjectGate(watch: BuildWatch): ProjectGate {
  return { watch, open: false, candidates: [] };
}

/**
 * Whether this check is the probe. The checks that reach a closed gate together (they waited on the same
 * listing) draw lots: runs in step would otherwise all probe their first check, the same one, and collide.
 */
export function drawProbe(gate: ProjectGate, random: () => number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    gate.candidates.push(resolve);
    if (gate.candidates.length > 1) return;
    setImmediate(() => {
      const candidates = gate.candidates;
      gate.candidates = [];
      gate.probe = new Promise<void>((end) => (gate.endProbe = end));
      const winner = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
      candidates.forEach((settle, index) => settle(index === winner));
    });
  });
}

export function endProbe(gate: ProjectGate): void {
  const end = gate.endProbe;
  gate.probe = undefined;
  gate.endProbe = undefined;
  end?.();
}

/** Waits for the probe at most `waitMs`; false when it is still going (retries, a slow server). */
export async function probeEnded(probe: Promise<void>, clock: Clock, waitMs: number): Promise<boolean> {
  const cancel = new AbortController();
  const timeUp = clock.sleep(waitMs, cancel.signal).then(
    () => false,
    () => true,
  );
  try {
    return await Promise.race([probe.then(() => true), timeUp]);
  } finally {
    cancel.abort();
  }
}

/** Sends the PATCH with the check claimed, so its own build is never taken for someone else's. */
export async function sendThrough<T extends { readonly newBuildId?: number }>(
  gate: ProjectGate,
  planned: PlannedRequeue,
  requeue: () => Promise<T>,
): Promise<{ done: T }> {
  gate.watch.claim(planned);
  let buildId: number | undefined;
  try {
    const done = await requeue();
    buildId = done.newBuildId;
    return { done };
  } finally {
    gate.watch.requeued(planned, buildId);
  }
}
