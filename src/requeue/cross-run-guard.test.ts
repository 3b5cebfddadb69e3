import { describe, expect, it } from 'vitest';

import {
  planned,
  prBuild,
  repository,
  setUpGuard as setUp,
  track,
} from '../../test/support/cross-run-guard-fixture.js';
import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { settleMacrotasks } from '../../test/reliability/support/manual-clock.js';
import type { PlannedRequeue } from './plan-requeue.js';

describe('createCrossRunGuard', () => {
  it('sends one probe first, then the rest at once after a listing made after the probe', async () => {
    const plan = [planned(1), planned(2), planned(3, 100, 9)];
    const { attempt, listings, sent } = setUp(plan);

    const answers = await Promise.all(plan.map((entry) => attempt(entry)));

    expect(answers).toEqual([
      { done: { newBuildId: 1001 } },
      { done: { newBuildId: 1002 } },
      { done: { newBuildId: 1003 } },
    ]);
    expect(sent).toEqual([1, 2, 3]);
    expect(listings).toHaveLength(2); // before the probe, and after it; the others share the second
    expect(listings[0]?.definitionIds).toEqual([7, 9]);
  });

  it('draws the probe by lot among the checks ready together, so runs in step rarely probe the same check', async () => {
    const plan = [planned(1), planned(2), planned(3)];
    const { attempt, sent } = setUp(plan, { random: () => 0.99 });

    await Promise.all(plan.map((entry) => attempt(entry)));

    expect(sent[0]).toBe(3);
    expect([...sent].sort()).toEqual([1, 2, 3]);
  });

  it('skips a check with a newer build of its definition for its pull request, and only that one', async () => {
    const plan = [planned(1), planned(2), planned(3)];
    const { attempt, server, sent } = setUp(plan, { quietMs: 0 });
    server.builds = [prBuild(1, 101), prBuild(2, 99), prBuild(3, 150, 8)];

    const answers = await Promise.all(plan.map((entry) => attempt(entry)));

    expect(answers[0]).toEqual({ newerBuildId: 101 });
    expect(sent).toEqual([2, 3]);
  });

  it('lists again in the background from half the age on, from what it has seen, and waits once too old', async () => {
    const plan = [planned(1), planned(2), planned(3), planned(4)];
    const { attempt, listings, clock, server } = setUp(plan, { maxListingAgeMs: 200 });
    server.builds = [prBuild(9, 50, 7, clock.now() - 10_000)];

    await attempt(plan[0] as PlannedRequeue); // listing at 0, probe, listing at 0 (after it)
    await clock.advance(99);
    await attempt(plan[1] as PlannedRequeue); // fresh: no listing
    await clock.advance(1);
    await attempt(plan[2] as PlannedRequeue); // half the age: answers now, lists in the background
    await clock.advance(200);
    await attempt(plan[3] as PlannedRequeue); // too old: waits for a new one

    expect(listings.map((listing) => listing.atMs - (listings[0]?.atMs ?? 0))).toEqual([0, 0, 100, 300]);
    expect(listings[1]?.sinceMs).toBe((listings[0]?.atMs ?? 0) - 10_000 - 2_000);
    expect(listings.map((listing) => listing.seenUpToId)).toEqual([100, 100, 1001, 1002]); // from the oldest build a check was read with, then the newest seen;
  });

  it('yields after seeing another run requeue checks of the plan, until that run has been quiet', async () => {
    const plan = [planned(1), planned(2), planned(3)];
    const { attempt, server, clock, sent } = setUp(plan, { quietMs: 1_000 });
    server.builds = [prBuild(1, 101)];

    expect(await attempt(plan[0] as PlannedRequeue)).toEqual({ newerBuildId: 101 });
    const second = track(attempt(plan[1] as PlannedRequeue));
    await clock.advance(600);
    server.builds.push(prBuild(3, 102)); // the other run goes on: the wait starts again
    await clock.advance(400);
    expect(second).toEqual({});
    await clock.advance(999);
    expect(second).toEqual({});
    await clock.advance(1);

    expect(second.value).toEqual({ done: { newBuildId: 1001 } });
    expect(sent).toEqual([2]);
  });

  it('counts its own requeues as its own, and another run doubling its probe as someone else', async () => {
    const plan = [planned(1), planned(2), planned(3)];
    const { attempt, server, clock, sent } = setUp(plan, { quietMs: 1_000 });

    expect(await attempt(plan[0] as PlannedRequeue)).toEqual({ done: { newBuildId: 1001 } });
    await clock.advance(300);
    expect(await attempt(plan[1] as PlannedRequeue)).toEqual({ done: { newBuildId: 1002 } });
    server.builds.push(prBuild(2, 1500)); // another run requeued check 2 as well
    await clock.advance(300);
    const third = track(attempt(plan[2] as PlannedRequeue));
    await settleMacrotasks();

    expect(third).toEqual({});
    await clock.advance(1_000);
    expect(third.value).toEqual({ done: { newBuildId: 1003 } });
    expect(sent).toEqual([1, 2, 3]);
  });

  it('yields in every project once another run is seen in one of them', async () => {
    const otherProject = { id: 'p-2', name: 'Contoso' };
    const elsewhere: PlannedRequeue = {
      pullRequest: aPullRequest({ id: 20, project: otherProject, repository }),
      check: anExpiredBuildCheck({ buildId: 100, buildDefinitionId: 7 }),
    };
    const plan = [planned(1), planned(2), elsewhere];
    const { attempt, server, clock, sent } = setUp(plan, { quietMs: 1_000 });
    server.builds = [prBuild(1, 101)];

    expect(await attempt(plan[0] as PlannedRequeue)).toEqual({ newerBuildId: 101 });
    const other = track(attempt(elsewhere));
    await clock.advance(999);
    expect(other).toEqual({});
    await clock.advance(1);

    expect(other.value).toEqual({ done: { newBuildId: 1001 } });
    expect(sent).toEqual([20]);
  });

  it('stops yielding after maxYieldMs and goes on with the listing alone', async () => {
    const plan = [planned(1), planned(2), planned(3)];
    const { attempt, server, clock } = setUp(plan, { quietMs: 1_000, maxYieldMs: 1_500 });
    server.builds = [prBuild(1, 101)];
    await attempt(plan[0] as PlannedRequeue);

    const second = track(attempt(plan[1] as PlannedRequeue));
    await clock.advance(500);
    server.builds.push(prBuild(3, 102));
    await clock.advance(500);
    expect(second).toEqual({});
    await clock.advance(1_000);

    expect(second.value).toEqual({ done: { newBuildId: 1001 } });
  });
});
