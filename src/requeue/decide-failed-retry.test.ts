import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  aFailedBuildCheck,
  anExpiredBuildCheck,
  aPullRequest,
  commits,
} from '../../test/support/builders.js';
import { decideFailedRetry } from './decide-failed-retry.js';

const sha = fc.constantFrom('a1', 'b2', 'c3', 'A1', undefined);

describe('decideFailedRetry', () => {
  it('retries a failure whose source moved since, naming the move', () => {
    const check = aFailedBuildCheck({ lastMergeSourceCommit: 'old-source', lastMergeTargetCommit: 't' });
    const pr = aPullRequest({ lastMergeSourceCommit: 'new-source', lastMergeTargetCommit: 't' });

    expect(decideFailedRetry(check, pr)).toEqual({
      retry: true,
      reason:
        'build failed (rejected) on older commits (source old-sour -> new-sour), so it is retried once on the current ones',
    });
  });

  it('explains a refusal with the current commits', () => {
    const check = aFailedBuildCheck({ lastMergeSourceCommit: 's', lastMergeTargetCommit: 't' });
    const pr = aPullRequest({ lastMergeSourceCommit: 's', lastMergeTargetCommit: 't' });

    expect(decideFailedRetry(check, pr)).toMatchObject({
      retry: false,
      skipReason: 'same-commits',
      reason: expect.stringContaining('source s, target t') as string,
    });
  });

  it('never retries twice for one pair: the retried build records the pair it ran on', () => {
    fc.assert(
      fc.property(sha, sha, sha, sha, (ranSource, ranTarget, source, target) => {
        const pr = aPullRequest(commits(source, target));
        const failed = { status: 'rejected', isExpired: false } as const;
        const first = decideFailedRetry(
          anExpiredBuildCheck({ ...failed, ...commits(ranSource, ranTarget) }),
          pr,
        );
        // After a retry the evaluation's context holds the PR's current commits; if that build fails too:
        const afterRetry = anExpiredBuildCheck({ ...failed, ...commits(source, target) });

        expect(decideFailedRetry(afterRetry, pr).retry).toBe(false);
        if (first.retry) {
          expect([ranSource, ranTarget, source, target].every((commit) => commit !== undefined)).toBe(true);
          const same =
            ranSource?.toLowerCase() === source?.toLowerCase() &&
            ranTarget?.toLowerCase() === target?.toLowerCase();
          expect(same).toBe(false);
        }
      }),
    );
  });
});
