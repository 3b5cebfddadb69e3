// The cross-run guard when the run stops or cannot list builds (decision 0014): it never sends after a stop, and
// a failed listing leaves the project as without a guard, saying so.
import { describe, expect, it } from 'vitest';

import {
  planned,
  prBuild,
  project,
  repository,
  setUpGuard as setUp,
  withoutDefinition,
} from '../../test/support/cross-run-guard-fixture.js';
import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { ApiFailure } from './checks-api.js';
import type { PlannedRequeue } from './plan-requeue.js';

describe('createCrossRunGuard when stopped or blind', () => {
  it('ends a wait with a stop failure when the run is stopped, before sending anything', async () => {
    const plan = [planned(1), planned(2)];
    const { attempt, server, stop, sent } = setUp(plan);
    server.builds = [prBuild(1, 101)];
    await attempt(plan[0] as PlannedRequeue);

    const second = attempt(plan[1] as PlannedRequeue);
    stop.abort(new Error('stopped'));

    await expect(second).rejects.toMatchObject({ kind: 'stopped' });
    expect(sent).toEqual([]);
  });

  it('goes on without a guard, with a note, when the listing fails, and never lists that project again', async () => {
    const plan = [planned(1), planned(2)];
    const { attempt, server, clock, listings, sent } = setUp(plan);
    server.failure = new ApiFailure('auth', 'HTTP 403: no permission to view builds', 'HTTP 403');

    const first = await attempt(plan[0] as PlannedRequeue);
    await clock.advance(10_000);
    const second = await attempt(plan[1] as PlannedRequeue);

    const note = 'not checked for requeues by other runs (HTTP 403: no permission to view builds)';
    expect([first, second]).toEqual([
      { done: { newBuildId: 1001 }, note },
      { done: { newBuildId: 1002 }, note },
    ]);
    expect(listings).toHaveLength(1);
    expect(sent).toEqual([1, 2]);
  });

  it('passes a stop during the listing on, so the check is reported as interrupted', async () => {
    const { attempt, server, sent } = setUp([planned(1)]);
    server.failure = new ApiFailure('stopped', 'the run stopped', 'stopped');

    await expect(attempt(planned(1))).rejects.toMatchObject({ kind: 'stopped' });
    expect(sent).toEqual([]);
  });

  it('requeues a check whose definition is unknown without listing', async () => {
    const unknown: PlannedRequeue = {
      pullRequest: aPullRequest({ project, repository }),
      check: withoutDefinition(anExpiredBuildCheck()),
    };
    const { attempt, listings } = setUp([unknown]);

    expect(await attempt(unknown)).toEqual({ done: { newBuildId: 1001 } });
    expect(listings).toHaveLength(0);
  });
});
