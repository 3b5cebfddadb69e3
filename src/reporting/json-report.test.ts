import { describe, expect, it } from 'vitest';

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

  it('is valid for an empty run', async () => {
    const json = formatJsonReport(await aResult([]));

    expect(JSON.parse(json)).toMatchObject({ pullRequests: [], summary: { pullRequests: 0 } });
  });
});
