import { describe, expect, it } from 'vitest';

import { scopeToCiPush } from './ci-push-scope.js';

const NO_FILTERS = { repositories: [], targetBranches: [] };
const PUSH = {
  BUILD_REPOSITORY_ID: '7a2d3e5f-0000-4000-8000-000000000002',
  BUILD_REPOSITORY_NAME: 'web-app',
  BUILD_REPOSITORY_PROVIDER: 'TfsGit',
  BUILD_SOURCEBRANCH: 'refs/heads/main',
};

describe('scopeToCiPush', () => {
  it.each(['IndividualCI', 'BatchedCI'])('limits a %s run to the pushed repository and branch', (reason) => {
    const scope = scopeToCiPush(NO_FILTERS, { ...PUSH, BUILD_REASON: reason });

    expect(scope.repositories).toEqual(['7a2d3e5f-0000-4000-8000-000000000002']);
    expect(scope.targetBranches).toEqual(['refs/heads/main']);
    expect(scope.note).toBe(`${reason} run: only pull requests of web-app that target refs/heads/main`);
  });

  it.each(['Schedule', 'Manual', 'PullRequest', 'ResourceTrigger', undefined])(
    'scans everything in scope on a %s run',
    (reason) => {
      const scope = scopeToCiPush(NO_FILTERS, { ...PUSH, BUILD_REASON: reason });

      expect(scope).toEqual(NO_FILTERS);
    },
  );

  it('keeps the filters the pipeline gave, even on a CI run', () => {
    const given = { repositories: ['api'], targetBranches: [] };

    const scope = scopeToCiPush(given, { ...PUSH, BUILD_REASON: 'IndividualCI' });

    expect(scope.repositories).toEqual(['api']);
    expect(scope.targetBranches).toEqual([]);
    expect(scope.note).toMatch(/as given/);
  });

  it.each([
    ['a GitHub repository', { BUILD_REPOSITORY_PROVIDER: 'GitHub' }],
    ['a tag', { BUILD_SOURCEBRANCH: 'refs/tags/v1.0' }],
    ['no repository id', { BUILD_REPOSITORY_ID: '' }],
  ])('scans everything when the push was to %s', (_what, override) => {
    const scope = scopeToCiPush(NO_FILTERS, { ...PUSH, ...override, BUILD_REASON: 'IndividualCI' });

    expect(scope.repositories).toEqual([]);
    expect(scope.targetBranches).toEqual([]);
    expect(scope.note).toMatch(/scanning everything/);
  });
});
