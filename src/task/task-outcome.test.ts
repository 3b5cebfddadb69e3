import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { makeOpaqueToken } from '../../test/support/canary.js';
import {
  ApiFailure,
  type CheckVerdict,
  createSecretRegistry,
  CredentialError,
  type ListingFailure,
  OrganizationUrlError,
  type RequeueResult,
} from '../index.js';
import { TaskInputError } from './read-task-inputs.js';
import { decideTaskOutcome, describeTaskFailure, hintFor } from './task-outcome.js';

function resultWith(checks: CheckVerdict[], extra: Partial<RequeueResult> = {}): RequeueResult {
  const count = (action: CheckVerdict['action']) => checks.filter((check) => check.action === action).length;
  return {
    organization: 'https://dev.azure.com/fabrikam',
    dryRun: false,
    interrupted: false,
    pullRequests: [{ pullRequest: aPullRequest(), checks }],
    summary: {
      pullRequests: 1,
      checks: checks.length,
      requeued: count('requeued'),
      wouldRequeue: count('would-requeue'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
    authFailure: false,
    ...extra,
  };
}

const requeued: CheckVerdict = { check: anExpiredBuildCheck(), action: 'requeued', reason: 'build expired' };
const draftSkip: CheckVerdict = {
  check: anExpiredBuildCheck(),
  action: 'skipped',
  skipReason: 'manual-only',
  reason: 'policy is set to queue manually only',
};
const denied: CheckVerdict = {
  check: anExpiredBuildCheck(),
  action: 'failed',
  reason: "TF401027: You need the Git 'PullRequestContribute' permission",
  errorCode: 'TF401027',
};

describe('decideTaskOutcome', () => {
  it('succeeds when nothing failed, skips included', () => {
    const outcome = decideTaskOutcome(resultWith([requeued, draftSkip]));

    expect(outcome).toEqual({
      result: 'Succeeded',
      message: 'requeued 1 of 2 build checks in 1 pull requests; 1 skipped',
    });
  });

  it('says "would requeue" on a dry run', () => {
    const wouldRequeue: CheckVerdict = { ...requeued, action: 'would-requeue' };

    expect(decideTaskOutcome(resultWith([wouldRequeue], { dryRun: true })).message).toMatch(
      /^would requeue 1 of 1/,
    );
  });

  it('fails when a requeue failed', () => {
    const failedOther: CheckVerdict = { ...denied, errorCode: 'HTTP 500', reason: 'server error' };

    const outcome = decideTaskOutcome(resultWith([requeued, failedOther]));

    expect(outcome.result).toBe('Failed');
    expect(outcome.message).toMatch(/^1 requeue\(s\) or read\(s\) failed/);
  });

  it('fails with the permission to grant when a requeue was refused', () => {
    const outcome = decideTaskOutcome(resultWith([denied], { authFailure: true }));

    expect(outcome.result).toBe('Failed');
    expect(outcome.message).toMatch(/^a requeue was refused \(TF401027\): grant the build service identity/);
    expect(outcome.message).toMatch(/"Contribute to pull requests"/);
  });

  it('fails naming each pull request listing that failed, and why', () => {
    const listingFailures: ListingFailure[] = [
      { project: 'Web', reason: 'GET … failed with 500', errorCode: 'HTTP 500', authFailure: false },
      {
        project: 'Api',
        repository: 'api',
        targetBranch: 'refs/heads/main',
        reason: 'too many',
        errorCode: 'too-many-items',
        authFailure: false,
      },
      { project: 'Ops', reason: 'not listed', errorCode: 'not-reached', authFailure: false },
    ];
    const base = resultWith([requeued]);

    const outcome = decideTaskOutcome({
      ...base,
      summary: { ...base.summary, failed: 2, failedListings: 2 },
      listingFailures,
    });

    expect(outcome).toEqual({
      result: 'Failed',
      message:
        '2 requeue(s), read(s) or listing(s) failed; the errors above and the summary tab say which and why. ' +
        'Pull request listings that failed: project "Web": GET … failed with 500 [HTTP 500]; ' +
        'project "Api", repository "api", into main: too many [too-many-items].',
    });
  });

  it('names three failed listings and counts the rest', () => {
    const listingFailures = ['A', 'B', 'C', 'D', 'E'].map((project): ListingFailure => ({
      project,
      reason: 'boom',
      errorCode: 'HTTP 500',
      authFailure: false,
    }));
    const base = resultWith([]);

    const outcome = decideTaskOutcome({ ...base, summary: { ...base.summary, failed: 5 }, listingFailures });

    expect(outcome.message).toMatch(
      /project "C": boom \[HTTP 500\]; and 2 more \(the summary tab names them all\)\.$/,
    );
    expect(outcome.message).not.toMatch(/project "D"/);
  });

  it('fails with the fix when a listing was refused, naming the listing', () => {
    const listingFailures: ListingFailure[] = [
      { project: 'Api', reason: 'not visible', errorCode: 'TF401019', authFailure: true },
    ];
    const base = resultWith([requeued]);

    const outcome = decideTaskOutcome({
      ...base,
      summary: { ...base.summary, failed: 1 },
      authFailure: true,
      listingFailures,
    });

    expect(outcome.result).toBe('Failed');
    expect(outcome.message).toMatch(
      /^a pull request listing was refused \(TF401019\): the repository is not visible/,
    );
    expect(outcome.message).toMatch(
      /Pull request listings that failed: project "Api": not visible \[TF401019\]\.$/,
    );
  });

  it("masks the run's secrets in a listing's server text before neutralising it", () => {
    const secret = makeOpaqueToken(24);
    const registry = createSecretRegistry();
    registry.add(secret);
    const listingFailures: ListingFailure[] = [
      { project: 'Web', reason: `echo ${secret}\n##vso[x]`, errorCode: 'HTTP 400', authFailure: false },
    ];
    const base = resultWith([]);

    const outcome = decideTaskOutcome(
      { ...base, summary: { ...base.summary, failed: 1 }, listingFailures },
      (text) => registry.redact(text),
    );

    expect(outcome.message).toMatch(/project "Web": echo \*\*\*\^J\*\*vso\[x\] \[HTTP 400\]\.$/);
  });

  it('is cancelled, with what was left undone, when the run was stopped', () => {
    const notStarted: CheckVerdict = {
      check: anExpiredBuildCheck(),
      action: 'skipped',
      skipReason: 'interrupted',
      reason: 'run interrupted before this requeue started',
    };
    const result = resultWith([requeued, notStarted], { interrupted: true });
    const unread = { pullRequest: aPullRequest({ id: 2 }), skipReason: 'interrupted' as const, checks: [] };

    const outcome = decideTaskOutcome({ ...result, pullRequests: [...result.pullRequests, unread] });

    expect(outcome).toEqual({
      result: 'Canceled',
      message:
        'stopped before finishing: requeued 1 of the 2 build checks read; 1 pull requests listed but not read, 1 checks not requeued, and any not yet listed are left for the next run',
    });
  });

  it('still fails, not cancelled, when a requeue failed before the stop', () => {
    expect(decideTaskOutcome(resultWith([denied], { interrupted: true })).result).toBe('Failed');
  });
});

describe('describeTaskFailure', () => {
  it.each([
    [new TaskInputError('dryRun must be true or false'), /^invalid input: dryRun/],
    [new OrganizationUrlError('refusing http://x'), /^invalid input: refusing/],
    [new CredentialError('the job token is not available'), /^authentication failed: the job token/],
    [new ApiFailure('auth', 'GET … failed with 401', 'HTTP 401'), /^authentication failed: .*expired/],
    [new ApiFailure('config', 'repository "x" was not found', 'TF401019'), /refused the request.*uses:/],
    [new RangeError('boom'), /^internal error: RangeError: boom/],
  ])('describes %s', (error, message) => {
    const outcome = describeTaskFailure(error);

    expect(outcome.result).toBe('Failed');
    expect(outcome.message).toMatch(message);
  });

  it('neutralises logging commands in server text (checklist B9)', () => {
    const outcome = describeTaskFailure(
      new ApiFailure('other', 'bad ##vso[task.setvariable variable=a]b', 'HTTP 400'),
    );

    expect(outcome.message).not.toMatch(/##vso\[/i);
  });
});

describe('hintFor', () => {
  it('never advises turning a protection off', () => {
    for (const code of ['TF401027', 'TF215106', 'TF401019', 'HTTP 401', 'HTTP 203', 'HTTP 403', 'HTTP 404']) {
      expect(hintFor(code)).not.toMatch(/turn (it|them|the setting) off|disable/i);
      expect(hintFor(code)).toMatch(/docs\/pipelines\.md/);
    }
    expect(hintFor('TF215106')).toMatch(/"Queue builds"/);
    expect(hintFor('HTTP 500')).toBe('');
  });
});
