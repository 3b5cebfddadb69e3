// Every route, the policy artifact id and the project GUID, built from each form of collection URL the tool
// accepts (reference §1.1; service-hooks-and-server.md §6), and each URL recognised by api-version negotiation.
import { describe, expect, it } from 'vitest';

import { findApiResource } from './api-resources.js';
import {
  activeBuildsUrl,
  codeReviewArtifactId,
  connectionDataUrl,
  policyEvaluationsUrl,
  policyEvaluationUrl,
  projectsUrl,
  projectUrl,
  pullRequestsUrl,
  repositoryUrl,
} from './endpoints.js';
import { parseOrganizationUrl } from './organization-url.js';

const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const EVALUATION = 'a6b2e1c4-0000-4000-8000-00000000e001';

const COLLECTIONS = [
  ['https://dev.azure.com/fabrikam/', 'https://dev.azure.com/fabrikam', 'services'],
  ['https://fabrikam.visualstudio.com/', 'https://fabrikam.visualstudio.com', 'services'],
  [
    'https://fabrikam.visualstudio.com/DefaultCollection',
    'https://fabrikam.visualstudio.com/DefaultCollection',
    'services',
  ],
  [
    'https://tfs.example.test/tfs/DefaultCollection/',
    'https://tfs.example.test/tfs/DefaultCollection',
    'server',
  ],
  ['https://tfs.example.test/DefaultCollection', 'https://tfs.example.test/DefaultCollection', 'server'],
  [
    'https://tfs.example.test:8443/tfs/Fabrikam%20Fiber',
    'https://tfs.example.test:8443/tfs/Fabrikam%20Fiber',
    'server',
  ],
  ['https://devops.example.test/azdo/tfs/Main', 'https://devops.example.test/azdo/tfs/Main', 'server'],
  ['http://127.0.0.1:8080/tfs/DefaultCollection', 'http://127.0.0.1:8080/tfs/DefaultCollection', 'loopback'],
] as const;

describe.each(COLLECTIONS)('collection %s', (input, collection, deployment) => {
  const organization = parseOrganizationUrl(input);
  const org = organization.url;

  it('is kept without a trailing slash, its kind known', () => {
    expect(org).toBe(collection);
    expect(organization.origin).toBe(new URL(collection).origin);
    expect(organization.deployment).toBe(deployment);
  });

  it('builds every route under the collection, the project by GUID', () => {
    const query = {
      projectId: PROJECT,
      repositoryId: 'r1',
      targetRefName: 'refs/heads/main',
      top: 250,
      skip: 0,
    };
    const urls = {
      project: projectUrl(org, 'My Project'),
      projects: projectsUrl(org, 500),
      repository: repositoryUrl(org, PROJECT, 'repo'),
      pullRequests: pullRequestsUrl(org, query),
      evaluations: policyEvaluationsUrl(org, PROJECT, 7, 1000, 0),
      evaluation: policyEvaluationUrl(org, PROJECT, EVALUATION),
      builds: activeBuildsUrl(org, PROJECT, [3, 4], 1000),
      connectionData: connectionDataUrl(org),
    };
    const paths = Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [name, `${url.origin}${url.pathname}`.slice(org.length)]),
    );
    expect(paths).toEqual({
      project: '/_apis/projects/My%20Project',
      projects: '/_apis/projects',
      repository: `/${PROJECT}/_apis/git/repositories/repo`,
      pullRequests: `/${PROJECT}/_apis/git/pullrequests`,
      evaluations: `/${PROJECT}/_apis/policy/evaluations`,
      evaluation: `/${PROJECT}/_apis/policy/evaluations/${EVALUATION}`,
      builds: `/${PROJECT}/_apis/build/builds`,
      connectionData: '/_apis/connectionData',
    });
    for (const url of Object.values(urls)) {
      expect(url.origin).toBe(organization.origin);
      expect(findApiResource(org, url), url.pathname).toBeDefined();
    }
    expect(urls.evaluations.searchParams.get('api-version')).toBe('7.1-preview.1');
    expect(urls.pullRequests.searchParams.get('api-version')).toBe('7.1');
  });

  it('names the policy artifact by project GUID and PR id, whatever the host', () => {
    const url = policyEvaluationsUrl(org, PROJECT, 42, 1000, 0);
    expect(url.searchParams.get('artifactId')).toBe(`vstfs:///CodeReview/CodeReviewId/${PROJECT}/42`);
    expect(codeReviewArtifactId(PROJECT, 42)).toBe(url.searchParams.get('artifactId'));
  });
});

describe('findApiResource', () => {
  const org = 'https://tfs.example.test/tfs/DefaultCollection';

  it.each([
    ['_apis/projects', 'projects'],
    ['_apis/projects/p1', 'projects'],
    [`${PROJECT}/_apis/git/repositories`, 'git/repositories'],
    ['_apis/git/repositories', 'git/repositories'],
    [`${PROJECT}/_apis/git/pullRequests/7`, 'git/pullrequests'],
    [`${PROJECT}/_apis/policy/evaluations/${EVALUATION}`, 'policy/evaluations'],
    [`${PROJECT}/_apis/policy/configurations`, 'policy/configurations'],
    [`${PROJECT}/_apis/build/Builds`, 'build/builds'],
    ['_apis/connectionData', 'connectiondata'],
    ['_apis/security/permissionevaluationbatch', 'security/permissionevaluationbatch'],
  ])('%s is %s', (path, route) => {
    expect(findApiResource(org, new URL(`${org}/${path}`))?.route).toBe(route);
  });

  it.each([
    'https://tfs.example.test/tfs/OtherCollection/_apis/projects',
    'https://other.example.test/tfs/DefaultCollection/_apis/projects',
    `https://tfs.example.test/tfs/DefaultCollection/${PROJECT}/_apis/wit/workitems`,
    'https://tfs.example.test/tfs/DefaultCollection/a/b/_apis/projects',
    'https://tfs.example.test/tfs/DefaultCollectionX/_apis/projects',
  ])('%s is none of them', (url) => {
    expect(findApiResource(org, new URL(url))).toBeUndefined();
  });
});
