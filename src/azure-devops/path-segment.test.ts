// `.` and `..` are path steps to the URL parser, even percent-encoded: `--project ..` or a project id ".." in an
// answer would send the credential to `{org}/../_apis/…` = `/_apis/…` (issue 16 item 6). They are refused.
import { describe, expect, it } from 'vitest';

import { ApiFailure } from '../requeue/checks-api.js';
import { policyEvaluationsUrl, projectUrl, pullRequestsUrl, repositoryUrl } from './endpoints.js';
import { isDotSegment, pathSegment } from './path-segment.js';

const ORG = 'https://dev.azure.com/fabrikam';

describe('pathSegment', () => {
  it.each(['.', '..'])('refuses %j with a configuration failure naming it', (name) => {
    expect(() => pathSegment(name)).toThrow(ApiFailure);
    expect(() => pathSegment(name)).toThrow(
      `"${name}" cannot be used as a project, repository or id in a URL`,
    );
    expect(isDotSegment(name)).toBe(true);
  });

  it.each([
    ['...', '...'],
    ['%2e%2e', '%252e%252e'],
    ['.hidden', '.hidden'],
    ['a/..', 'a%2F..'],
    ['Contoso Web', 'Contoso%20Web'],
  ])('encodes %j as one segment that stays one', (name, encoded) => {
    expect(pathSegment(name)).toBe(encoded);
    expect(isDotSegment(name)).toBe(false);
  });
});

describe('the URL builders, for names from flags and ids from answers', () => {
  it.each([
    ['a project from --project', () => projectUrl(ORG, '..')],
    ['a project id from an answer', () => pullRequestsUrl(ORG, { projectId: '..', top: 100, skip: 0 })],
    ['a repository from --repository', () => repositoryUrl(ORG, 'p', '.')],
    ['a project id in the evaluations URL', () => policyEvaluationsUrl(ORG, '.', 1, 100, 0)],
  ])('refuse %s that is a dot segment', (_name, buildUrl) => {
    expect(buildUrl).toThrow(/path steps, not names/);
  });

  it('keep every other name under the organization', () => {
    for (const name of ['...', '%2e%2e', '.%2e', 'a..b']) {
      expect(projectUrl(ORG, name).pathname.startsWith('/fabrikam/_apis/projects/')).toBe(true);
    }
  });
});
