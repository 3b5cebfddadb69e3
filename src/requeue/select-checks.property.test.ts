// Properties of the selection rules over generated checks and rules (fast-check, fixed seed, logged): a requeue
// never cancels a running build, never touches what the flags exclude, and every expired check the flags allow is
// chosen (reference §3.4, §4; docs/reliability.md).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  checksArb,
  propertyParameters,
  PROPERTY_SEED,
  pullRequestArb,
  rulesArb,
  singleCheckArb,
} from '../../test/reliability/support/requeue-arbitraries.js';
import { selectChecks, selectPullRequest } from './select-checks.js';

beforeAll(() =>
  console.log(`select-checks properties: fast-check seed ${PROPERTY_SEED} (FC_SEED to replay)`),
);

const IN_PROGRESS = new Set(['queued', 'running']);

describe('selectChecks (properties)', () => {
  it('decides every build check exactly once, in order, and nothing else', () => {
    fc.assert(
      fc.property(checksArb('e', 8), rulesArb, pullRequestArb(1), (checks, rules, pr) => {
        const selections = selectChecks(checks, rules, pr);

        expect(selections.map((s) => s.check)).toEqual(checks.filter((check) => check.isBuildPolicy));
      }),
      propertyParameters,
    );
  });

  it('never selects a check whose build is running, queued and not expired, or not known to have finished', () => {
    fc.assert(
      fc.property(singleCheckArb, rulesArb, pullRequestArb(1), (check, rules, pr) => {
        const [selection] = selectChecks([{ ...check, isBuildPolicy: true }], rules, pr);

        if (!selection?.selected) return;
        expect(check.status).not.toBe('running');
        if (!check.isExpired) expect(IN_PROGRESS.has(check.status)).toBe(false);
        if (check.isExpired) expect(check.buildFinished).not.toBe(false);
      }),
      propertyParameters,
    );
  });

  it('never selects what the flags exclude: disabled, optional under --required-only, manual without --include-manual', () => {
    fc.assert(
      fc.property(singleCheckArb, rulesArb, pullRequestArb(1), (check, rules, pr) => {
        const [selection] = selectChecks([{ ...check, isBuildPolicy: true }], rules, pr);

        if (!selection?.selected) return;
        expect(check.isEnabled).toBe(true);
        if (rules.requiredOnly) expect(check.isBlocking).toBe(true);
        if (!rules.includeManual) expect(check.manualQueueOnly).toBe(false);
        if (!check.isExpired) expect(rules.retryFailed).toBe(true);
      }),
      propertyParameters,
    );
  });

  it('selects every expired check the flags allow, as "expired"', () => {
    fc.assert(
      fc.property(singleCheckArb, rulesArb, (check, rules) => {
        const allowed =
          check.isEnabled &&
          (!rules.requiredOnly || check.isBlocking) &&
          (!check.manualQueueOnly || rules.includeManual) &&
          check.status !== 'running' &&
          check.buildFinished !== false;
        const [selection] = selectChecks([{ ...check, isBuildPolicy: true, isExpired: true }], rules);

        expect(selection?.selected).toBe(allowed);
        if (selection?.selected) expect(selection.trigger).toBe('expired');
      }),
      propertyParameters,
    );
  });

  it('gives every skip a stable code and a reason, and decides each check on its own', () => {
    fc.assert(
      fc.property(checksArb('e', 6), rulesArb, pullRequestArb(1), (checks, rules, pr) => {
        const together = selectChecks(checks, rules, pr);
        const alone = checks.flatMap((check) => selectChecks([check], rules, pr));

        expect(together).toEqual(alone);
        for (const selection of together) {
          expect(selection.reason.length).toBeGreaterThan(0);
          if (!selection.selected) expect(selection.skipReason).toMatch(/^[a-z-]+$/);
        }
      }),
      propertyParameters,
    );
  });

  it('only widens with --include-manual and --retry-failed, and only narrows with --required-only', () => {
    fc.assert(
      fc.property(checksArb('e', 6), rulesArb, pullRequestArb(1), (checks, rules, pr) => {
        const chosen = (overrides: Partial<typeof rules>) =>
          selectChecks(checks, { ...rules, ...overrides }, pr)
            .filter((s) => s.selected)
            .map((s) => s.check.evaluationId);

        expect(chosen({ includeManual: true })).toEqual(
          expect.arrayContaining(chosen({ includeManual: false })),
        );
        expect(chosen({ retryFailed: true })).toEqual(expect.arrayContaining(chosen({ retryFailed: false })));
        expect(chosen({ requiredOnly: false })).toEqual(
          expect.arrayContaining(chosen({ requiredOnly: true })),
        );
      }),
      propertyParameters,
    );
  });
});

describe('selectPullRequest (properties)', () => {
  it('reads only active pull requests, and drafts and conflicts only when asked', () => {
    fc.assert(
      fc.property(pullRequestArb(1), rulesArb, (pr, rules) => {
        const skip = selectPullRequest(pr, rules);
        const readable =
          pr.status === 'active' &&
          (!pr.isDraft || rules.includeDrafts) &&
          (pr.mergeStatus !== 'conflicts' || rules.includeConflicts);

        expect(skip === undefined).toBe(readable);
        if (skip) expect(skip.reason.length).toBeGreaterThan(0);
      }),
      propertyParameters,
    );
  });
});
