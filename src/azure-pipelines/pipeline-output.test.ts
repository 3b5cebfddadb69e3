import taskCommand from 'azure-pipelines-task-lib/taskcommand.js';
import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { findFragments, makeOpaqueToken } from '../../test/support/canary.js';
import { createSecretRegistry } from '../redaction/index.js';
import type { CheckVerdict, ListingFailure, PullRequestVerdict, RequeueResult } from '../requeue/model.js';
import {
  collectPipelineIssues,
  commandLinePublisher,
  publishToPipeline,
  reportProgressTo,
  type PipelinePublisher,
} from './pipeline-output.js';

function result(pullRequests: PullRequestVerdict[], interrupted = false): RequeueResult {
  return {
    organization: 'https://dev.azure.com/fabrikam',
    dryRun: false,
    interrupted,
    pullRequests,
    summary: {
      pullRequests: pullRequests.length,
      checks: 0,
      requeued: 0,
      wouldRequeue: 0,
      skipped: 0,
      failed: 0,
    },
    authFailure: false,
  };
}

const verdict = (
  id: number,
  checks: CheckVerdict[],
  extra: Partial<PullRequestVerdict> = {},
): PullRequestVerdict => ({
  pullRequest: aPullRequest({ id }),
  checks,
  ...extra,
});
const skipped = (skipReason: CheckVerdict['skipReason']): CheckVerdict => ({
  check: anExpiredBuildCheck(),
  action: 'skipped',
  ...(skipReason ? { skipReason } : {}),
  reason: 'r',
});

describe('collectPipelineIssues', () => {
  it('raises errors for failed requeues and unreadable pull requests, warnings for skips that need action', () => {
    const issues = collectPipelineIssues(
      result([
        verdict(1, [
          {
            check: anExpiredBuildCheck({ policyName: 'CI' }),
            action: 'failed',
            reason: 'HTTP 500',
            errorCode: 'HTTP 500',
          },
        ]),
        verdict(2, [], { error: 'reading its checks failed: 503' }),
        verdict(3, [
          skipped('budget'),
          skipped('budget'),
          skipped('manual-only'),
          skipped('build-in-progress'),
        ]),
        verdict(4, [], { skipReason: 'draft', reason: 'draft' }),
      ]),
    );

    expect(issues).toEqual([
      { type: 'error', message: 'PR 1 (web) "CI": requeue failed: HTTP 500 [HTTP 500]' },
      { type: 'error', message: 'PR 2 (web): could not read its checks: reading its checks failed: 503' },
      {
        type: 'warning',
        message:
          '2 expired build checks were not requeued because the requeue limit (maxRequeues / --max-requeues) was reached; the next run picks them up, or raise the limit',
      },
    ]);
  });

  it('raises nothing for a run whose skips are all normal', () => {
    expect(
      collectPipelineIssues(result([verdict(1, [skipped('manual-only'), skipped('not-expired')])])),
    ).toEqual([]);
  });

  it('warns when the builds in flight could not be read, not when checks merely wait for capacity', () => {
    const base = result([verdict(1, [skipped('deferred'), skipped('deferred')])]);
    const capacity = [
      { projectId: 'p', projectName: 'Web', definitionId: 7, limit: 2, inFlight: 2, planned: 0, deferred: 1 },
      {
        projectId: 'q',
        projectName: 'Api',
        limit: 2,
        inFlight: 0,
        planned: 0,
        deferred: 1,
        error: 'HTTP 503',
      },
    ];

    expect(collectPipelineIssues({ ...base, capacity })).toEqual([
      {
        type: 'warning',
        message:
          'the builds in flight of project Api could not be read (HTTP 503); 1 expired check(s) were left for the next run',
      },
    ]);
  });

  it('warns about an interrupted run', () => {
    const issues = collectPipelineIssues(result([verdict(1, [skipped('interrupted')])], true));

    expect(issues).toEqual([
      {
        type: 'warning',
        message: 'the run was interrupted: 1 expired check(s) were selected but not requeued',
      },
    ]);
  });

  it('names each pull request listing that failed, and not the ones the run never reached', () => {
    const listingFailures: ListingFailure[] = [
      { project: 'Web', reason: 'GET … failed with 500', errorCode: 'HTTP 500', authFailure: false },
      {
        project: 'Api',
        repository: 'api',
        targetBranch: 'refs/heads/main',
        reason: 'TF401027: no permission',
        errorCode: 'TF401027',
        authFailure: true,
      },
      { project: 'Ops', reason: 'not listed: the run stopped', errorCode: 'not-reached', authFailure: true },
    ];
    const failed: CheckVerdict = { check: anExpiredBuildCheck(), action: 'failed', reason: 'x' };

    const issues = collectPipelineIssues({ ...result([verdict(1, [failed])]), listingFailures });

    expect(issues).toEqual([
      {
        type: 'error',
        message: 'could not list the pull requests of project "Web": GET … failed with 500 [HTTP 500]',
      },
      {
        type: 'error',
        message:
          'could not list the pull requests of project "Api", repository "api", into main: TF401027: no permission [TF401027]',
      },
      { type: 'error', message: 'PR 1 (web) "CI build": requeue failed: x' },
    ]);
  });

  it('caps errors at 20 and points at the summary for the rest', () => {
    const failed: CheckVerdict = { check: anExpiredBuildCheck(), action: 'failed', reason: 'x' };
    const issues = collectPipelineIssues(
      result(Array.from({ length: 25 }, (_, i) => verdict(i + 1, [failed]))),
    );

    expect(issues).toHaveLength(21);
    expect(issues.at(-1)).toEqual({
      type: 'error',
      message: '5 more failures: see the azdo-requeue summary',
    });
  });
});

describe('publishToPipeline', () => {
  function recorder() {
    const events: string[] = [];
    const publisher: PipelinePublisher = {
      logIssue: (issue) => events.push(`issue ${issue.type}`),
      setProgress: (percent, label) => events.push(`progress ${percent} ${label}`),
      uploadSummary: (path) => events.push(`upload ${path}`),
      writeFile: (path, content) => {
        events.push(`write ${path} ${content.split('\n')[0] ?? ''}`);
        return Promise.resolve();
      },
    };
    return { events, publisher };
  }

  it('logs the issues, then writes the summary into the temp directory and uploads it', async () => {
    const { events, publisher } = recorder();
    const failed: CheckVerdict = { check: anExpiredBuildCheck(), action: 'failed', reason: 'x' };

    const path = await publishToPipeline(result([verdict(1, [failed])]), publisher, {
      tempDirectory: '/agent/_temp',
      fileName: 'summary.md',
    });

    expect(path).toBe('/agent/_temp/summary.md');
    expect(events).toEqual([
      'issue error',
      'write /agent/_temp/summary.md ## azdo-requeue',
      'upload /agent/_temp/summary.md',
    ]);
  });

  it('uploads nothing without AGENT_TEMPDIRECTORY', async () => {
    const { events, publisher } = recorder();

    expect(
      await publishToPipeline(result([]), publisher, { tempDirectory: undefined, fileName: 's.md' }),
    ).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('reports progress every 5 % while reading and once when requeuing starts', () => {
    const { events, publisher } = recorder();
    const progress = reportProgressTo(publisher);

    for (let done = 0; done <= 40; done += 1) progress({ phase: 'reading', done, total: 40 });
    progress({ phase: 'requeuing', done: 0, total: 3 });
    progress({ phase: 'requeuing', done: 1, total: 3 });

    expect(events).toHaveLength(22);
    expect(events[1]).toBe('progress 5 Reading pull request checks');
    expect(events.at(-1)).toBe('progress 100 Requeuing 3 expired build checks');
  });
});

describe('publishToPipeline through logging commands', () => {
  it('masks a secret before task-lib escapes it, also in its URL-encoded form (decision 0004)', async () => {
    // `+` and `/` URL-encode to `%2B`, `%2F`; task-lib then writes `%AZP252B`, which no masker recognises.
    const secret = `${makeOpaqueToken(16)}+${makeOpaqueToken(16)}/${makeOpaqueToken(16)}`;
    const registry = createSecretRegistry();
    registry.add(secret);
    const lines: string[] = [];
    // As the CLI: every line passes the redacting writer on stderr on its way out.
    const publisher = commandLinePublisher(
      (line) => lines.push(registry.redact(line)),
      () => Promise.resolve(),
    );
    const echoed = `server said ${encodeURIComponent(secret)} and ${secret}`;
    const listingFailures: ListingFailure[] = [
      { project: 'Web', reason: echoed, errorCode: 'HTTP 500', authFailure: false },
    ];

    await publishToPipeline({ ...result([verdict(1, [], { error: echoed })]), listingFailures }, publisher, {
      tempDirectory: undefined,
      fileName: 's.md',
      redact: (text) => registry.redact(text),
    });

    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('server said ***');
    expect(findFragments({ issues: lines.join('\n') }, secret)).toEqual([]);
  });
});

describe('commandLinePublisher', () => {
  it('writes logging commands that task-lib parses back to the same values (checklist B4)', () => {
    const lines: string[] = [];
    const publisher = commandLinePublisher(
      (line) => lines.push(line),
      () => Promise.resolve(),
    );

    publisher.logIssue({ type: 'error', message: '100% done; ] tricky\r\nsecond line' });
    publisher.setProgress(42, 'Reading');
    publisher.uploadSummary('/tmp/a;b]c.md');

    const parsed = lines.map((line) => taskCommand.commandFromString(line));
    expect(parsed.map((command) => command.command)).toEqual([
      'task.logissue',
      'task.setprogress',
      'task.uploadsummary',
    ]);
    expect(parsed[0]?.properties).toEqual({ type: 'error' });
    expect(parsed[0]?.message).toBe('100% done; ] tricky^M^Jsecond line');
    expect(parsed[1]?.properties).toEqual({ value: '42' });
    expect(parsed[2]?.message).toBe('/tmp/a;b]c.md');
    expect(lines.every((line) => !/[\r\n]/.test(line))).toBe(true);
  });
});
