import { describe, expect, it } from 'vitest';

import { keysHoldingNothing } from '../../test/support/absent-values.js';
import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import { runRequeue } from '../requeue/run-requeue.js';
import { buildJsonReport, formatJsonReport, formatJsonReportLines } from './json-report.js';

async function aResult(titles: string[]) {
  const pullRequests = titles.map((title, index) => aPullRequest({ id: 100 + index, title }));
  const { api } = createFakeChecksApi({
    pullRequests,
    checks: new Map(pullRequests.map((pr) => [pr.id, [anExpiredBuildCheck()]])),
  });
  return runRequeue(
    {
      organization: 'https://dev.azure.com/fabrikam',
      scope: { projects: ['Fabrikam'], allProjects: false, repositories: [] },
      targetBranches: [],
      rules: { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false },
      dryRun: true,
    },
    api,
  );
}

const SKIPPED_AS_DRAFT = { skipReason: 'draft' as const, reason: 'draft pull request' };

describe('the JSON report', () => {
  it('is one JSON document with schemaVersion 1 that parses back to the report object', async () => {
    const result = await aResult(['First', 'Second', 'Third']);

    const parsed: unknown = JSON.parse(formatJsonReport(result));

    expect(parsed).toEqual(JSON.parse(JSON.stringify(buildJsonReport(result))));
    expect(parsed).toMatchObject({ schemaVersion: 1, dryRun: true, summary: { wouldRequeue: 3 } });
  });

  it('is written one pull request per line, so a large report is never one string', async () => {
    const result = await aResult(['a', 'b', 'c', 'd']);

    const pieces = [...formatJsonReportLines(result)];

    expect(pieces).toHaveLength(6);
    expect(pieces.join('').split('\n')).toHaveLength(6);
  });

  it('cannot carry a logging command, yet keeps the exact title when parsed', async () => {
    const title = 'x ##vso[task.setvariable variable=a]b ##[error]y';
    const result = await aResult([title]);

    const json = formatJsonReport(result);

    expect(json).not.toMatch(/##/);
    expect((JSON.parse(json) as { pullRequests: { title: string }[] }).pullRequests[0]?.title).toBe(title);
  });

  it('leaves out what a run did not have, never a key holding undefined or null', async () => {
    const result = await aResult(['ready', 'draft']);
    const [ready, draft] = result.pullRequests;
    if (ready === undefined || draft === undefined) throw new Error('two pull requests expected');
    const skippedDraft = {
      pullRequest: { ...draft.pullRequest, isDraft: true },
      ...SKIPPED_AS_DRAFT,
      checks: [],
    };
    const capacity = [
      { projectId: 'p', projectName: 'Web', limit: 2, inFlight: 1, planned: 1, deferred: 0 },
      {
        projectId: 'p',
        projectName: 'Web',
        definitionId: 7,
        limit: 2,
        inFlight: 0,
        planned: 0,
        deferred: 1,
        error: 'x',
      },
    ];

    const report = buildJsonReport({ ...result, pullRequests: [ready, skippedDraft], capacity });

    expect(keysHoldingNothing(report)).toEqual([]);
    expect(keysHoldingNothing(JSON.parse(formatJsonReport({ ...result, capacity })))).toEqual([]);
    expect(Object.keys(report.pullRequests[1] ?? {})).not.toContain('rank');
    expect(report.pullRequests[1]).toMatchObject({ skipReason: 'draft', reason: SKIPPED_AS_DRAFT.reason });
    expect(Object.keys(report.pullRequests[0]?.checks[0] ?? {})).toEqual([
      'evaluationId',
      'policy',
      'blocking',
      'status',
      'expired',
      'action',
      'reason',
      'trigger',
      'buildId',
    ]);
    expect(report.capacity?.map((usage) => Object.keys(usage))).toEqual([
      ['project', 'limit', 'inFlight', 'planned', 'deferred'],
      ['project', 'definitionId', 'limit', 'inFlight', 'planned', 'deferred', 'error'],
    ]);
    expect('listingFailures' in report).toBe(false);
  });

  it('is valid for an empty run', async () => {
    const json = formatJsonReport(await aResult([]));

    expect(JSON.parse(json)).toMatchObject({ pullRequests: [], summary: { pullRequests: 0 } });
  });
});
