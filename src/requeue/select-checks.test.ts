import { describe, expect, it } from 'vitest';

import {
  aFailedBuildCheck,
  aPullRequest,
  anExpiredBuildCheck,
  aReviewerCheck,
} from '../../test/support/builders.js';
import { selectChecks, selectPullRequest, type SelectionRules } from './select-checks.js';

const defaults: SelectionRules = {
  includeDrafts: false,
  includeConflicts: false,
  includeManual: false,
  requiredOnly: false,
};

describe('selectPullRequest', () => {
  it.each([
    [{ isDraft: true }, defaults, 'draft'],
    [{ mergeStatus: 'conflicts' }, defaults, 'conflicts'],
    [{ status: 'completed' }, defaults, 'not-active'],
  ] as const)('skips %o as %s', (overrides, rules, reason) => {
    expect(selectPullRequest(aPullRequest(overrides), rules)?.skipReason).toBe(reason);
  });

  it('reads drafts and conflicted pull requests when asked', () => {
    const rules = { ...defaults, includeDrafts: true, includeConflicts: true };

    expect(
      selectPullRequest(aPullRequest({ isDraft: true, mergeStatus: 'conflicts' }), rules),
    ).toBeUndefined();
  });

  it('reads an ordinary active pull request', () => {
    expect(selectPullRequest(aPullRequest(), defaults)).toBeUndefined();
  });
});

describe('selectChecks', () => {
  it('selects an expired build check even though its status reads queued', () => {
    const [selection] = selectChecks([anExpiredBuildCheck({ status: 'queued' })], defaults);

    expect(selection).toMatchObject({ selected: true, reason: 'build expired' });
  });

  it('leaves out policies that are not build validation', () => {
    expect(selectChecks([aReviewerCheck({ status: 'rejected' })], defaults)).toEqual([]);
  });

  it.each([
    [{ isExpired: false, status: 'approved' }, 'not-expired'],
    [{ isExpired: false, status: 'rejected' }, 'not-expired'],
    [{ isExpired: false, status: 'queued' }, 'build-in-progress'],
    [{ isExpired: false, status: 'running' }, 'build-in-progress'],
    [{ isExpired: true, status: 'running' }, 'build-in-progress'],
    [{ manualQueueOnly: true }, 'manual-only'],
    [{ isEnabled: false }, 'disabled'],
    [{ isDeleted: true }, 'deleted'],
  ] as const)('skips a check %o as %s', (overrides, reason) => {
    const [selection] = selectChecks([anExpiredBuildCheck(overrides)], defaults);

    expect(selection).toMatchObject({ selected: false, skipReason: reason });
  });

  it('keeps only blocking policies with --required-only', () => {
    const rules = { ...defaults, requiredOnly: true };

    const selections = selectChecks(
      [anExpiredBuildCheck({ isBlocking: false }), anExpiredBuildCheck()],
      rules,
    );

    expect(selections.map((s) => s.selected)).toEqual([false, true]);
    expect(selections[0]).toMatchObject({ skipReason: 'not-required' });
  });

  it('selects manual-only policies with --include-manual', () => {
    const [selection] = selectChecks([anExpiredBuildCheck({ manualQueueOnly: true })], {
      ...defaults,
      includeManual: true,
    });

    expect(selection?.selected).toBe(true);
  });
});

describe('selectChecks: never cancels a build', () => {
  it('skips an expired check whose build has not finished (it reads queued but may be waiting for an agent)', () => {
    const [selection] = selectChecks([anExpiredBuildCheck({ buildFinished: false })], defaults);

    expect(selection).toMatchObject({ selected: false, skipReason: 'build-in-progress' });
  });

  it('selects an expired check whose build finished, or when the answer cannot tell', () => {
    const selections = selectChecks(
      [anExpiredBuildCheck({ buildFinished: true }), anExpiredBuildCheck()],
      defaults,
    );

    expect(selections.map((s) => s.selected)).toEqual([true, true]);
  });
});

describe('selectChecks with --retry-failed', () => {
  const retry = { ...defaults, retryFailed: true };
  const current = aPullRequest({
    lastMergeSourceCommit: 'aaaa0000source',
    lastMergeTargetCommit: 'cccc0000target-new',
  });

  it('leaves failed checks alone without the flag, and says how to retry them', () => {
    const [selection] = selectChecks([aFailedBuildCheck()], defaults, current);

    expect(selection).toMatchObject({ selected: false, skipReason: 'not-expired' });
    expect(selection?.reason).toMatch(/--retry-failed/);
  });

  it.each(['rejected', 'broken'] as const)('retries a %s build that ran on an older target', (status) => {
    const [selection] = selectChecks([aFailedBuildCheck({ status })], retry, current);

    expect(selection).toMatchObject({ selected: true, trigger: 'failed' });
    expect(selection?.reason).toMatch(/target bbbb0000 -> cccc0000/);
  });

  it('does not retry a build that already failed on the current commits', () => {
    const check = aFailedBuildCheck({ lastMergeTargetCommit: 'CCCC0000TARGET-NEW' });

    const [selection] = selectChecks([check], retry, current);

    expect(selection).toMatchObject({ selected: false, skipReason: 'same-commits' });
  });

  it('does not retry when the commits are unknown on either side', () => {
    const noContext = anExpiredBuildCheck({ status: 'rejected', isExpired: false });
    const selections = [
      ...selectChecks([noContext], retry, current),
      ...selectChecks([aFailedBuildCheck()], retry, aPullRequest()),
      ...selectChecks([aFailedBuildCheck()], retry),
    ];

    expect(selections.map((s) => !s.selected && s.skipReason)).toEqual([
      'unknown-commits',
      'unknown-commits',
      'unknown-commits',
    ]);
  });

  it('still never retries a failed manual-only or disabled policy', () => {
    const selections = selectChecks(
      [aFailedBuildCheck({ manualQueueOnly: true }), aFailedBuildCheck({ isEnabled: false })],
      retry,
      current,
    );

    expect(selections.map((s) => !s.selected && s.skipReason)).toEqual(['manual-only', 'disabled']);
  });
});
