import { describe, expect, it } from 'vitest';

import { parsePullRequest } from './parse-pull-request.js';
import { createSharedValues } from './shared-values.js';

const ORG = 'https://dev.azure.com/fabrikam';

/** A GitPullRequest as the list API returns it, with the strings built at run time like JSON.parse would. */
function wirePullRequest(id: number, overrides: { repositoryName?: string } = {}): unknown {
  return JSON.parse(
    JSON.stringify({
      pullRequestId: id,
      title: `PR ${id}`,
      sourceRefName: `refs/heads/feature/${id}`,
      targetRefName: 'refs/heads/main',
      status: 'active',
      mergeStatus: 'succeeded',
      creationDate: '2026-11-28T10:00:00Z',
      lastMergeTargetCommit: { commitId: 'a'.repeat(40) },
      repository: {
        id: 'repo-guid',
        name: overrides.repositoryName ?? 'Web App',
        project: { id: 'project-guid', name: 'Fabrikam Fiber' },
      },
    }),
  );
}

describe('createSharedValues', () => {
  // Whether two equal strings are one copy cannot be observed from JavaScript; the benchmark's peak RSS shows it.
  it('gives pull requests of one repository the same frozen refs and web address prefix', () => {
    const shared = createSharedValues(ORG);

    const one = parsePullRequest(wirePullRequest(1), shared);
    const two = parsePullRequest(wirePullRequest(2), shared);

    expect(two.project).toBe(one.project);
    expect(two.repository).toBe(one.repository);
    expect(Object.isFrozen(one.project) && Object.isFrozen(one.repository)).toBe(true);
    expect(one.webUrl).toBe(`${ORG}/Fabrikam%20Fiber/_git/Web%20App/pullrequest/1`);
    expect(two.webUrl).toBe(`${ORG}/Fabrikam%20Fiber/_git/Web%20App/pullrequest/2`);
    expect(two.lastMergeTargetCommit).toBe('a'.repeat(40));
  });

  it('keeps a renamed repository apart instead of reusing the old name', () => {
    const shared = createSharedValues(ORG);

    const before = parsePullRequest(wirePullRequest(1), shared);
    const after = parsePullRequest(wirePullRequest(2, { repositoryName: 'Web Portal' }), shared);

    expect(after.repository).not.toBe(before.repository);
    expect(after.repository).toEqual({ id: 'repo-guid', name: 'Web Portal' });
    expect(after.webUrl).toBe(`${ORG}/Fabrikam%20Fiber/_git/Web%20Portal/pullrequest/2`);
  });
});
