import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck, aReviewerCheck } from '../../test/support/builders.js';
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
