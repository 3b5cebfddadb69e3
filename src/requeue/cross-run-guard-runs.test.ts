// The cross-run guard between runs on one simulated server, in manual time: runs in step at a slow server's
// latencies, a server whose PATCH answer names no build, and a stop while a check waits (decision 0014).
import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { createManualClock, type ManualClock } from '../../test/reliability/support/manual-clock.js';
import type { PullRequestBuild } from './checks-api.js';
import { createCrossRunGuard, type CrossRunGuard, type Guarded } from './cross-run-guard.js';
import type { PlannedRequeue } from './plan-requeue.js';

const project = { id: 'p-1', name: 'Fabrikam' };
const repository = { id: 'repo-1', name: 'web' };

function plan(count: number): PlannedRequeue[] {
  return Array.from({ length: count }, (_, index) => ({
    pullRequest: aPullRequest({ id: index + 1, project, repository }),
    check: anExpiredBuildCheck({ buildId: 100, buildDefinitionId: 7 }),
  }));
}

/** One server for every run: a listing sees the builds queued when it arrives; a PATCH queues one halfway. */
function simulatedServer(clock: ManualClock, latency: { patchMs: number; listMs: number }) {
  const builds: PullRequestBuild[] = [];
  const requeuedBy = new Map<number, string[]>();
  let nextBuild = 1000;
  return {
    requeuedBy,
    list: async (): Promise<readonly PullRequestBuild[]> => {
      const seen = [...builds];
      await clock.sleep(latency.listMs);
      return seen;
    },
    requeue: async (run: string, pullRequestId: number, answerId: boolean) => {
      await clock.sleep(latency.patchMs / 2);
      nextBuild += 1;
      const id = nextBuild;
      builds.push({ id, definitionId: 7, repositoryId: repository.id, pullRequestId });
      requeuedBy.set(pullRequestId, [...(requeuedBy.get(pullRequestId) ?? []), run]);
      await clock.sleep(latency.patchMs / 2);
      return answerId ? { newBuildId: id } : {};
    },
  };
}

/** Runs every check of the plan through the guard, 16 at a time as the apply queue does. */
async function runAll(
  guard: CrossRunGuard,
  checks: readonly PlannedRequeue[],
  requeue: (planned: PlannedRequeue) => Promise<{ newBuildId?: number }>,
): Promise<Guarded<{ newBuildId?: number }>[]> {
  const queue = [...checks];
  const results: Guarded<{ newBuildId?: number }>[] = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const planned = next;
      results.push(await guard.guard(planned, () => requeue(planned)));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return results;
}

async function until(clock: ManualClock, done: () => boolean, limitMs = 120_000): Promise<void> {
  for (let waited = 0; !done() && waited < limitMs; waited += 10) await clock.advance(10);
}

describe('the cross-run guard between runs', () => {
  it('lets two runs in step at 800 ms a PATCH and 300 ms a listing double two checks of 40 at most', async () => {
    const clock = createManualClock();
    const server = simulatedServer(clock, { patchMs: 800, listMs: 300 });
    const checks = plan(40);
    let finished = 0;
    const runs = ['a', 'b'].map((run, index) => {
      const guard = createCrossRunGuard(() => server.list(), checks, {
        clock,
        sinceMs: 0,
        random: () => (index === 0 ? 0.1 : 0.7),
      });
      return runAll(guard, checks, (planned) => server.requeue(run, planned.pullRequest.id, true)).then(
        (results) => {
          finished += 1;
          return results;
        },
      );
    });

    await until(clock, () => finished === 2);
    await Promise.all(runs);

    const doubled = [...server.requeuedBy.values()].filter((by) => by.length > 1);
    // Their probes cross: each is sent before the other's shows in a listing (33 of 40 doubled when the others
    // waited a fixed 500 ms for the probe instead of ten listings' time).
    expect(doubled.length).toBeLessThanOrEqual(2);
    expect(server.requeuedBy.size).toBe(40);
  });

  it('does not wait on its own requeues when the PATCH answer names no build', async () => {
    const clock = createManualClock();
    const server = simulatedServer(clock, { patchMs: 40, listMs: 20 });
    const checks = plan(40);
    const guard = createCrossRunGuard(() => server.list(), checks, { clock, sinceMs: 0, random: () => 0 });
    let finished = false;
    const results = runAll(guard, checks, (planned) => server.requeue('a', planned.pullRequest.id, false));
    void results.then(() => (finished = true));

    await until(clock, () => finished);

    expect(finished).toBe(true);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeLessThan(1_000); // no 1–2 s yield to itself
    expect(server.requeuedBy.size).toBe(40);
  });

  it('sends nothing after a stop, even for a check that wins the next draw', async () => {
    const clock = createManualClock();
    const server = simulatedServer(clock, { patchMs: 300, listMs: 400 });
    const checks = plan(10);
    const stop = new AbortController();
    const guard = createCrossRunGuard(() => server.list(), checks, {
      clock,
      sinceMs: 0,
      random: () => 0,
      signal: stop.signal,
    });
    const sentAt: number[] = [];
    const outcome = runAll(guard, checks, (planned) => {
      sentAt.push(clock.now());
      return server.requeue('a', planned.pullRequest.id, true);
    }).catch((error: unknown) => error);

    await clock.advance(550);
    stop.abort(new Error('stopped'));
    const stoppedAt = clock.now();
    await until(clock, () => server.requeuedBy.size >= 10, 10_000);

    await expect(outcome).resolves.toMatchObject({ kind: 'stopped' });
    expect(sentAt.filter((at) => at > stoppedAt)).toEqual([]);
  });
});
