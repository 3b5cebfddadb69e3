import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import type { PullRequestVerdict, RequeueResult } from '../requeue/model.js';
import { formatMarkdownSummary } from './format-markdown.js';

const PROJECT_ID = '6f1c2c4e-0000-4000-8000-000000000001';

function result(pullRequests: PullRequestVerdict[], extra: Partial<RequeueResult> = {}): RequeueResult {
  return {
    organization: 'https://dev.azure.com/fabrikam',
    dryRun: false,
    interrupted: false,
    pullRequests,
    summary: {
      pullRequests: pullRequests.length,
      checks: 4,
      requeued: 2,
      wouldRequeue: 0,
      skipped: 3,
      failed: 1,
      buildsAvoided: { inProgress: 1, drafts: 1, conflicts: 0, budget: 2, deferred: 0, sameCommits: 0 },
    },
    authFailure: false,
    ...extra,
  };
}

const skippedFirst: PullRequestVerdict = {
  pullRequest: aPullRequest({ id: 1, title: 'Only skips' }),
  checks: [
    {
      check: anExpiredBuildCheck({ status: 'running', isExpired: false }),
      action: 'skipped',
      skipReason: 'build-in-progress',
      reason: 'its build is running',
    },
  ],
};
const requeuedSecond: PullRequestVerdict = {
  pullRequest: aPullRequest({ id: 2, title: 'Ready' }),
  checks: [
    {
      check: anExpiredBuildCheck({ policyName: 'Lint' }),
      action: 'skipped',
      skipReason: 'not-expired',
      reason: 'not expired (approved)',
    },
    {
      check: anExpiredBuildCheck({ policyName: 'CI build' }),
      action: 'requeued',
      reason: 'build expired',
      newBuildId: 4711,
    },
  ],
};
const failedThird: PullRequestVerdict = {
  pullRequest: aPullRequest({ id: 3, title: 'Denied' }),
  checks: [
    { check: anExpiredBuildCheck(), action: 'failed', reason: 'TF401027: permission', errorCode: 'TF401027' },
  ],
};
const draft: PullRequestVerdict = {
  pullRequest: aPullRequest({ id: 4, title: 'Draft', isDraft: true }),
  skipReason: 'draft',
  reason: 'draft pull request',
  checks: [],
};

describe('formatMarkdownSummary', () => {
  it('starts with the counts, then what the skips saved', () => {
    const lines = formatMarkdownSummary(result([skippedFirst, requeuedSecond, failedThird, draft])).split(
      '\n',
    );

    expect(lines.slice(0, 5)).toEqual([
      '## azdo-requeue',
      '',
      '| pull requests | build checks | requeued | skipped | failed |',
      '| ---: | ---: | ---: | ---: | ---: |',
      '| 4 | 4 | 2 | 3 | 1 |',
    ]);
    expect(lines.slice(6, 9)).toEqual([
      'Builds not started because they could not help: 1 draft pull request, 1 check whose build is already queued or running.',
      '',
      'Left for the next run: 2 over the requeue limit.',
    ]);
  });

  it('lists requeued pull requests first, then failures, then skips, each check with its verdict and reason', () => {
    const text = formatMarkdownSummary(result([skippedFirst, draft, failedThird, requeuedSecond]));
    const lines = text.split('\n');
    const rows = lines
      .slice(lines.indexOf('| --- | --- | --- | --- | --- |') + 1)
      .filter((line) => line !== '');

    expect(rows).toEqual([
      `| [!2 Ready](https://dev.azure.com/fabrikam/Fabrikam/_git/web/pullrequest/2) | web → main | CI build | requeued: [build 4711](https://dev.azure.com/fabrikam/${PROJECT_ID}/_build/results?buildId=4711) | build expired |`,
      '|  |  | Lint | skipped | not expired (approved) |',
      '| [!3 Denied](https://dev.azure.com/fabrikam/Fabrikam/_git/web/pullrequest/3) | web → main | CI build | **failed** (TF401027) | TF401027: permission |',
      '| [!1 Only skips](https://dev.azure.com/fabrikam/Fabrikam/_git/web/pullrequest/1) | web → main | CI build | skipped | its build is running |',
      '| [!4 Draft](https://dev.azure.com/fabrikam/Fabrikam/_git/web/pullrequest/4) | web → main | — | skipped | draft pull request |',
    ]);
  });

  it('neutralises untrusted titles: no logging command, no table break, no link injection (checklist B9)', () => {
    const hostile = aPullRequest({
      id: 9,
      title: 'x ##vso[task.setvariable variable=a]b | [evil](https://evil.example) <img>',
      webUrl: 'javascript:alert(1)',
    });

    const text = formatMarkdownSummary(
      result([{ pullRequest: hostile, skipReason: 'draft', reason: 'draft', checks: [] }]),
    );

    expect(text).not.toMatch(/##vso\[/i);
    expect(text).not.toMatch(/\]\(javascript:/);
    expect(text).toContain(
      'x \\*\\*vso\\[task.setvariable variable=a\\]b \\| \\[evil\\](https://evil.example) \\<img\\>',
    );
  });

  it('marks a dry run and an interrupted run, and says when nothing was in scope', () => {
    const text = formatMarkdownSummary(result([], { dryRun: true, interrupted: true }));

    expect(text).toMatch(/^## azdo-requeue \(dry run: nothing was requeued\)/);
    expect(text).toContain('| pull requests | build checks | would requeue | skipped | failed |');
    expect(text).toContain('> The run was interrupted');
    expect(text).toContain('No active pull requests in scope.');
  });

  it('shows how the build capacity per pipeline was spent, and a retry count', () => {
    const base = result([requeuedSecond]);
    const withCapacity: RequeueResult = {
      ...base,
      summary: { ...base.summary, retried: 1 },
      capacity: [
        {
          projectId: PROJECT_ID,
          projectName: 'Fabrikam',
          definitionId: 7,
          limit: 3,
          inFlight: 2,
          planned: 1,
          deferred: 4,
        },
        {
          projectId: PROJECT_ID,
          projectName: 'Fabrikam',
          limit: 3,
          inFlight: 0,
          planned: 0,
          deferred: 2,
          error: 'HTTP 500',
        },
      ],
    };

    const text = formatMarkdownSummary(withCapacity);

    expect(text).toContain('1 of them retried failed builds on newer commits.');
    expect(text).toContain('| project | pipeline definition | in flight | started | deferred | limit |');
    expect(text).toContain('| Fabrikam | 7 | 2 | 1 | 4 | 3 |');
    expect(text).toContain('| Fabrikam | unknown | not read: HTTP 500 | 0 | 2 | 3 |');
  });
});
