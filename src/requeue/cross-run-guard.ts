// Exactly once across runs. Two runs on one scope (a CI-triggered run and a scheduled one, serve beside a
// pipeline) both read a check as expired and both PATCH it: the second PATCH cancels the build the first one
// queued. The service has no compare-and-set for a requeue, but a requeue leaves a trace anyone can read: a new
// pull-request build of the check's definition. So, per project (decision 0014):
// - look before each PATCH: a check with a build newer than the one it was read with, in a listing of the
//   project's pull-request builds at most `maxListingAgeMs` old, is skipped;
// - yield: once someone else is seen requeueing checks of this plan, no PATCH (in any project) until that has been
//   quiet for `quietMs` (and a random part more), or a run that started later would skip what the first did,
//   catch up with it and race it check for check;
// - probe: one PATCH (the first after the start or a yield, drawn by lot among the checks ready together) goes
//   alone, and the others wait for a listing made after it returned, so runs that start requeueing at the same
//   moment rarely pick the same check, collide on one at most, and then see each other.
import type { Clock } from '../util/clock.js';
import { ApiFailure, type ChecksApi, type PullRequestBuild } from './checks-api.js';
import type { PlannedRequeue } from './plan-requeue.js';
import {
  createProjectGate,
  drawProbe,
  endProbe,
  probeEnded,
  sendThrough,
  type ProjectGate,
} from './project-gate.js';
import { createBuildWatch } from './watch-pull-request-builds.js';

export interface CrossRunGuardSettings {
  /**
   * A listing started less than this long ago answers for a PATCH (at least twice the listing's own time); from
   * half of it on, the next listing is made in the background. @default 200
   */
  readonly maxListingAgeMs?: number;
  /** How long another run's requeues must have stopped before this run requeues again. @default 1_000 */
  readonly quietMs?: number;
  /** Stop yielding after this long and requeue with the listing alone. @default 600_000 */
  readonly maxYieldMs?: number;
  /** How long the other checks wait for the first requeue (the probe) before they go on without it. @default 500 */
  readonly probeWaitMs?: number;
  /** Uniform in [0, 1), for the random part of each yield. @default Math.random */
  readonly random?: () => number;
}

export interface CrossRunGuardOptions extends CrossRunGuardSettings {
  readonly clock: Clock;
  /** Builds queued before this (epoch ms, ours) are not listed: the run's start less a margin for clock skew. */
  readonly sinceMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** The requeue's outcome (with a note when the guard could not look), or the build that made it unneeded. */
export type Guarded<T> = { readonly done: T; readonly note?: string } | { readonly newerBuildId: number };

export interface CrossRunGuard {
  /** Runs `requeue` once the check may be requeued. A stop while waiting is an ApiFailure of kind `stopped`. */
  guard<T extends { readonly newBuildId?: number }>(
    planned: PlannedRequeue,
    requeue: () => Promise<T>,
  ): Promise<Guarded<T>>;
}

type ListBuilds = NonNullable<ChecksApi['listPullRequestBuilds']>;

export function createCrossRunGuard(
  list: ListBuilds,
  requeues: readonly PlannedRequeue[],
  options: CrossRunGuardOptions,
): CrossRunGuard {
  const { clock, signal } = options;
  const maxYieldMs = options.maxYieldMs ?? 600_000;
  const probeWaitMs = options.probeWaitMs ?? 500;
  const random = options.random ?? Math.random;
  const gates = new Map<string, ProjectGate>();
  for (const planned of requeues) {
    const { project } = planned.pullRequest;
    if (planned.check.buildDefinitionId === undefined) continue;
    let gate = gates.get(project.id);
    if (gate === undefined) {
      const watch = createBuildWatch({
        list: (definitionIds, window): Promise<readonly PullRequestBuild[]> =>
          list(project, definitionIds, window, signal),
        sinceMs: options.sinceMs,
        clock,
        maxListingAgeMs: options.maxListingAgeMs ?? 200,
        quietMs: options.quietMs ?? 1_000,
        random,
      });
      gate = createProjectGate(watch);
      gates.set(project.id, gate);
    }
    gate.watch.plan(planned);
  }

  /** Lists (`now`: a new listing, else one fresh enough); a failure other than a stop leaves the project unguarded. */
  async function refreshed(gate: ProjectGate, notBeforeMs: number | 'now'): Promise<boolean> {
    try {
      await (notBeforeMs === 'now' ? gate.watch.listNow() : gate.watch.refresh(notBeforeMs));
      return true;
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.kind === 'stopped') throw error;
      gate.unguarded = error.message;
      gate.open = true;
      return false;
    }
  }

  /** A stop ends every wait, and no PATCH starts after it. */
  function throwIfStopped(): void {
    if (signal?.aborted === true) {
      throw new ApiFailure('stopped', 'the run stopped before this requeue was sent', 'stopped');
    }
  }

  async function sleepUntil(atMs: number): Promise<void> {
    try {
      await clock.sleep(Math.max(0, atMs - clock.now()), signal);
    } catch (error) {
      const why = 'the run stopped while it waited for another run to finish requeueing';
      throw new ApiFailure('stopped', why, 'stopped', { cause: error });
    }
  }

  /**
   * When every project's watch will have been quiet long enough. A run seen requeueing in one project is soon in
   * the others too: waiting in all of them keeps a run that yields in one from meeting it head-on in the next.
   */
  function quietAt(): number | undefined {
    let latest: number | undefined;
    for (const { watch } of gates.values()) {
      const atMs = watch.quietAtMs();
      if (atMs !== undefined && (latest === undefined || atMs > latest)) latest = atMs;
    }
    return latest;
  }

  return {
    async guard(planned, requeue) {
      const gate = gates.get(planned.pullRequest.project.id);
      if (gate === undefined || planned.check.buildDefinitionId === undefined)
        return { done: await requeue() };
      const startedMs = clock.now();
      let notBeforeMs = Number.NEGATIVE_INFINITY;
      for (;;) {
        throwIfStopped();
        if (gate.unguarded !== undefined || !(await refreshed(gate, notBeforeMs))) {
          return {
            done: await requeue(),
            note: `not checked for requeues by other runs (${gate.unguarded})`,
          };
        }
        const newer = gate.watch.newerBuild(planned);
        if (newer !== undefined) return { newerBuildId: newer };
        const quietAtMs = quietAt();
        if (quietAtMs !== undefined && clock.now() - startedMs < maxYieldMs) {
          gate.open = false;
          await sleepUntil(quietAtMs);
          notBeforeMs = quietAtMs;
          continue;
        }
        throwIfStopped();
        if (gate.open) return sendThrough(gate, planned, requeue);
        if (gate.probe !== undefined) {
          // A probe stuck in retries (a 5xx burst, a dropped connection) holds the others only so long; then they
          // go on with the listing alone, so that one slow check does not stall the run. So long is at least ten
          // listings' time, so that a slow server's ordinary probe is waited for.
          const probe = gate.probe;
          const waitMs = Math.max(probeWaitMs, 10 * gate.watch.lastListingMs());
          if (!(await probeEnded(probe, clock, waitMs)) && gate.probe === probe) gate.open = true;
          continue;
        }
        if (!(await drawProbe(gate, random))) continue;
        // A stop, or a listing, may have come in while the lots were drawn.
        const newerAfterDraw = gate.watch.newerBuild(planned);
        if (newerAfterDraw !== undefined || signal?.aborted === true) endProbe(gate);
        throwIfStopped();
        if (newerAfterDraw !== undefined) return { newerBuildId: newerAfterDraw };
        try {
          const done = await sendThrough(gate, planned, requeue);
          // Open only when a listing made after the probe returned shows nobody else requeueing.
          try {
            if ((await refreshed(gate, 'now')) && gate.watch.quietAtMs() === undefined) gate.open = true;
          } catch {
            // A stop: this requeue is done all the same, and the checks still waiting see the stop themselves.
          }
          return done;
        } finally {
          endProbe(gate);
        }
      }
    },
  };
}
