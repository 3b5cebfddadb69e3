import { describe, expect, it } from 'vitest';
import { checkScenario } from './check-scenario.js';
import { DEMO_SCENARIO } from './demo-scenario.js';

function project(pullRequest: unknown, policy: unknown = { type: 'build' }): unknown {
  return {
    projects: [
      {
        name: 'P',
        repositories: [
          { name: 'r', branches: [{ name: 'main', policies: [policy] }], pullRequests: [pullRequest] },
        ],
      },
    ],
  };
}

describe('checkScenario', () => {
  it('accepts the demo scenario and an empty one', () => {
    expect(checkScenario(DEMO_SCENARIO)).toBe(DEMO_SCENARIO);
    expect(checkScenario({})).toEqual({});
  });

  it.each([
    ['a non-object', 42, 'scenario must be an object'],
    ['a project without a name', { projects: [{ repositories: [] }] }, 'scenario.projects[0].name'],
    ['a PR without a target', project({}), 'pullRequests[0].targetBranch'],
    [
      'an unknown check state',
      project({ targetBranch: 'main', check: 'stale' }),
      'unknown check state "stale"',
    ],
    ['an unknown policy type', project({ targetBranch: 'main' }, { type: 'magic' }), '.type must be one of'],
    [
      'a bad expiration',
      project({ targetBranch: 'main' }, { type: 'build', expiration: { hours: 0 } }),
      'expiration must be',
    ],
    [
      'a duplicate PR id',
      {
        projects: [
          {
            name: 'P',
            repositories: [
              {
                name: 'r',
                pullRequests: [
                  { id: 1, targetBranch: 'm' },
                  { id: 1, targetBranch: 'm' },
                ],
              },
            ],
          },
        ],
      },
      'used twice',
    ],
    ['a bad fault kind', { faults: { requests: [{ kind: 'boom' }] } }, 'scenario.faults.requests[0].kind'],
  ])('names the field for %s', (_name, value, message) => {
    expect(() => checkScenario(value)).toThrow(message);
  });
});
