import { describe, expect, it } from 'vitest';

import { anActiveBuild } from '../../test/support/builders.js';
import { createCapacityLedger } from './build-capacity.js';

const project = { projectId: 'p1', projectName: 'Fabrikam' };

describe('createCapacityLedger', () => {
  it('leaves the limit minus the builds of that definition in flight', () => {
    const ledger = createCapacityLedger({
      maxBuildsInFlight: 3,
      inFlight: [
        { ...project, builds: [anActiveBuild({ definitionId: 7 }), anActiveBuild({ definitionId: 8 })] },
      ],
    });

    expect(ledger.whyNoRoom('p1', 7)).toBeUndefined();
    ledger.take('p1', 7);
    expect(ledger.whyNoRoom('p1', 7)).toBeUndefined();
    ledger.take('p1', 7);
    expect(ledger.whyNoRoom('p1', 7)).toBe(
      'no build capacity left for pipeline definition 7: 1 queued or running + 2 started by this run of ' +
        '--max-builds-in-flight 3; deferred to the next run',
    );
    expect(ledger.whyNoRoom('p1', 8)).toBeUndefined();
  });

  it('has no room when more builds are in flight than the limit (never a negative capacity)', () => {
    const builds = [1, 2, 3].map(() => anActiveBuild({ definitionId: 7, status: 'notStarted' }));
    const ledger = createCapacityLedger({ maxBuildsInFlight: 2, inFlight: [{ ...project, builds }] });

    ledger.defer('p1', 7);

    expect(ledger.whyNoRoom('p1', 7)).toMatch(/3 queued or running of --max-builds-in-flight 2/);
    expect(ledger.usage()).toEqual([
      {
        projectId: 'p1',
        projectName: 'Fabrikam',
        definitionId: 7,
        limit: 2,
        inFlight: 3,
        planned: 0,
        deferred: 1,
      },
    ]);
  });

  it('knows the builds in flight by id, per project', () => {
    const build = anActiveBuild({ id: 4242 });
    const ledger = createCapacityLedger({
      maxBuildsInFlight: 1,
      inFlight: [{ ...project, builds: [build] }],
    });

    expect(ledger.isBuildInFlight('p1', 4242)).toBe(true);
    expect(ledger.isBuildInFlight('p2', 4242)).toBe(false);
    expect(ledger.isBuildInFlight('p1', undefined)).toBe(false);
  });

  it('defers when the definition is unknown or the builds in flight could not be read', () => {
    const ledger = createCapacityLedger({
      maxBuildsInFlight: 5,
      inFlight: [{ ...project, builds: [], error: 'list builds failed with 500' }],
    });

    expect(ledger.whyNoRoom('p1', undefined)).toMatch(/definition is not named/);
    expect(ledger.whyNoRoom('p1', 7)).toMatch(/could not be read \(list builds failed with 500\)/);
    expect(ledger.whyNoRoom('p9', 7)).toMatch(/could not be read \(they were not read\)/);
  });
});
