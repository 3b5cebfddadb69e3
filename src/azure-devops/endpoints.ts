// URL builders, each with the api-version the client was written for (api-resources.ts): the newest GA one (7.1),
// and 7.1-preview.1 for the policy evaluations, preview-only in every version (reference §1.2, §3.4). A server
// that speaks only older versions gets the negotiated one instead (negotiate-api-versions.ts).
import { writtenVersionOf } from './api-resources.js';
import { pathSegment } from './path-segment.js';

export const API_VERSION = {
  core: writtenVersionOf('projects'),
  git: writtenVersionOf('git/pullrequests'),
  build: writtenVersionOf('build/builds'),
  policy: writtenVersionOf('policy/configurations'),
  security: writtenVersionOf('security/permissionevaluationbatch'),
  policyEvaluations: writtenVersionOf('policy/evaluations'),
  connectionData: writtenVersionOf('connectiondata'),
  hooks: writtenVersionOf('hooks/subscriptions'),
} as const;

type Query = Record<string, string | number | undefined>;

function build(base: string, path: string, apiVersion: string, query: Query = {}): URL {
  const url = new URL(`${base}/${path}`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  url.searchParams.set('api-version', apiVersion);
  return url;
}

const segment = pathSegment;

export function projectUrl(org: string, projectIdOrName: string): URL {
  return build(org, `_apis/projects/${segment(projectIdOrName)}`, API_VERSION.core);
}

export function projectsUrl(org: string, top: number, continuationToken?: string): URL {
  return build(org, '_apis/projects', API_VERSION.core, { $top: top, continuationToken });
}

export function repositoryUrl(org: string, projectId: string, repositoryIdOrName: string): URL {
  return build(
    org,
    `${segment(projectId)}/_apis/git/repositories/${segment(repositoryIdOrName)}`,
    API_VERSION.git,
  );
}

export interface PullRequestListQuery {
  readonly projectId: string;
  readonly repositoryId?: string | undefined;
  readonly targetRefName?: string | undefined;
  readonly top: number;
  readonly skip: number;
}

/** Active PRs of a project; the server filters by repository and target branch (reference §3.3). */
export function pullRequestsUrl(org: string, query: PullRequestListQuery): URL {
  return build(org, `${segment(query.projectId)}/_apis/git/pullrequests`, API_VERSION.git, {
    'searchCriteria.status': 'active',
    'searchCriteria.repositoryId': query.repositoryId,
    'searchCriteria.targetRefName': query.targetRefName,
    $top: query.top,
    $skip: query.skip,
  });
}

/** The policy artifact of a PR uses the project GUID, never its name (reference §3.4, §9). */
export function codeReviewArtifactId(projectId: string, pullRequestId: number): string {
  return `vstfs:///CodeReview/CodeReviewId/${projectId}/${pullRequestId}`;
}

export function policyEvaluationsUrl(
  org: string,
  projectId: string,
  pullRequestId: number,
  top: number,
  skip: number,
): URL {
  return build(org, `${segment(projectId)}/_apis/policy/evaluations`, API_VERSION.policyEvaluations, {
    artifactId: codeReviewArtifactId(projectId, pullRequestId),
    $top: top,
    $skip: skip,
  });
}

export function policyEvaluationUrl(org: string, projectId: string, evaluationId: string): URL {
  return build(
    org,
    `${segment(projectId)}/_apis/policy/evaluations/${segment(evaluationId)}`,
    API_VERSION.policyEvaluations,
  );
}

/**
 * Builds of some pipeline definitions that are queued or running (build 7.1, Builds - List, reference §3.6):
 * `definitions` is a comma-separated id list, and a longer answer pages with the `x-ms-continuationtoken`
 * response header sent back as `continuationToken`.
 */
export function activeBuildsUrl(
  org: string,
  projectId: string,
  definitionIds: readonly number[],
  top: number,
  continuationToken?: string,
): URL {
  return build(org, `${segment(projectId)}/_apis/build/builds`, API_VERSION.build, {
    definitions: definitionIds.join(','),
    statusFilter: 'inProgress,notStarted',
    $top: top,
    continuationToken,
  });
}

/**
 * Pull-request builds of some definitions queued at or after `minTime` (build 7.1, Builds - List): `minTime`
 * filters on the time `queryOrder` names, so the order is by queue time; pages like `activeBuildsUrl`.
 */
export function pullRequestBuildsUrl(
  org: string,
  projectId: string,
  definitionIds: readonly number[],
  minTime: string,
  top: number,
  continuationToken?: string,
): URL {
  return build(org, `${segment(projectId)}/_apis/build/builds`, API_VERSION.build, {
    definitions: definitionIds.join(','),
    reasonFilter: 'pullRequest',
    minTime,
    queryOrder: 'queueTimeDescending',
    $top: top,
    continuationToken,
  });
}

export function repositoriesUrl(org: string, projectId: string): URL {
  return build(org, `${segment(projectId)}/_apis/git/repositories`, API_VERSION.git);
}

/** Policy configurations of one type, e.g. build validation (policy 7.1, reference §3.5). */
export function policyConfigurationsUrl(org: string, projectId: string, policyType: string): URL {
  return build(org, `${segment(projectId)}/_apis/policy/configurations`, API_VERSION.policy, { policyType });
}

/** Evaluates permissions of the calling identity; a POST that changes nothing (doctor's permission check). */
export function permissionEvaluationBatchUrl(org: string): URL {
  return build(org, '_apis/security/permissionevaluationbatch', API_VERSION.security);
}

export function connectionDataUrl(org: string): URL {
  return build(org, '_apis/connectionData', API_VERSION.connectionData);
}

/** Service hook subscriptions of the organization (hooks 7.1; service-hooks reference §2); one by id when given. */
export function hookSubscriptionsUrl(org: string, subscriptionId?: string): URL {
  const path = subscriptionId === undefined ? '' : `/${segment(subscriptionId)}`;
  return build(org, `_apis/hooks/subscriptions${path}`, API_VERSION.hooks);
}

/** A subscription's delivery history, newest first. */
export function hookNotificationsUrl(org: string, subscriptionId: string, top: number): URL {
  return build(org, `_apis/hooks/subscriptions/${segment(subscriptionId)}/notifications`, API_VERSION.hooks, {
    maxResults: top,
  });
}
