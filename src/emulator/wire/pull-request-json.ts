// JSON of pull requests (GitPullRequest) as lists and single GETs return them (§3.3).
import type { PullRequestEntity } from '../model/entities.js';
import { formatDate, link, type JsonObject } from '../protocol/wire-format.js';
import { identityRefJson, pullRequestProjectJson } from './core-json.js';
import { commitRefJson, repositoryUrl, repositoryWebUrl } from './repository-json.js';

/** §3.3: descriptions are truncated to 400 characters in list results. */
const LIST_DESCRIPTION_LIMIT = 400;

export interface PullRequestJsonOptions {
  /** Single GET: `_links` (with `web`), `artifactId`, full description. */
  single: boolean;
  /** `searchCriteria.includeLinks=true` on lists. */
  includeLinks: boolean;
}

function pullRequestLinks(orgUrl: string, pr: PullRequestEntity): JsonObject {
  const repoUrl = repositoryUrl(orgUrl, pr.repository);
  const self = `${repoUrl}/pullRequests/${pr.id}`;
  return {
    self: link(self),
    repository: link(repoUrl),
    workItems: link(`${self}/workitems`),
    sourceBranch: link(`${repoUrl}/refs/${pr.sourceRefName.replace(/^refs\//, '')}`),
    targetBranch: link(`${repoUrl}/refs/${pr.targetRefName.replace(/^refs\//, '')}`),
    statuses: link(`${self}/statuses`),
    sourceCommit: link(`${repoUrl}/commits/${pr.lastMergeSourceCommit}`),
    targetCommit: link(`${repoUrl}/commits/${pr.lastMergeTargetCommit}`),
    createdBy: link(`${orgUrl}/_apis/Identities/${pr.createdBy.id}`),
    iterations: link(`${self}/iterations`),
    web: link(`${repositoryWebUrl(orgUrl, pr.repository)}/pullrequest/${pr.id}`),
  };
}

/** GitPullRequest; absent optional fields are omitted, never null (§3.3). */
export function pullRequestJson(
  orgUrl: string,
  pr: PullRequestEntity,
  options: PullRequestJsonOptions,
): JsonObject {
  const repoUrl = repositoryUrl(orgUrl, pr.repository);
  const description =
    options.single || pr.description.length <= LIST_DESCRIPTION_LIMIT
      ? pr.description
      : pr.description.slice(0, LIST_DESCRIPTION_LIMIT);
  const json: JsonObject = {
    repository: {
      id: pr.repository.id,
      name: pr.repository.name,
      url: repoUrl,
      project: pullRequestProjectJson(pr.project),
    },
    pullRequestId: pr.id,
    codeReviewId: pr.id,
    status: pr.status,
    createdBy: identityRefJson(orgUrl, pr.createdBy),
    creationDate: formatDate(pr.creationMs),
    closedDate: pr.closedMs === undefined ? undefined : formatDate(pr.closedMs),
    title: pr.title,
    description,
    sourceRefName: pr.sourceRefName,
    targetRefName: pr.targetRefName,
    mergeStatus: pr.hasConflicts ? 'conflicts' : 'succeeded',
    isDraft: pr.isDraft,
    mergeId: pr.mergeId,
    lastMergeSourceCommit: commitRefJson(orgUrl, pr.repository, pr.lastMergeSourceCommit),
    lastMergeTargetCommit: commitRefJson(orgUrl, pr.repository, pr.lastMergeTargetCommit),
    // A conflicting merge produces no merge commit.
    lastMergeCommit: pr.hasConflicts ? undefined : commitRefJson(orgUrl, pr.repository, pr.lastMergeCommit),
    reviewers: pr.reviewers.map((reviewer) => ({
      reviewerUrl: `${repoUrl}/pullRequests/${pr.id}/reviewers/${reviewer.identity.id}`,
      vote: reviewer.vote,
      hasDeclined: false,
      isRequired: reviewer.isRequired ? true : undefined,
      isFlagged: false,
      ...identityRefJson(orgUrl, reviewer.identity),
    })),
    url: `${repoUrl}/pullRequests/${pr.id}`,
    supportsIterations: true,
    autoCompleteSetBy:
      pr.autoCompleteSetBy === undefined ? undefined : identityRefJson(orgUrl, pr.autoCompleteSetBy),
    completionOptions:
      pr.autoCompleteSetBy === undefined
        ? undefined
        : { mergeStrategy: 'squash', deleteSourceBranch: true, transitionWorkItems: true },
  };
  if (options.single) {
    json['artifactId'] = `vstfs:///Git/PullRequestId/${pr.project.id}%2f${pr.repository.id}%2f${pr.id}`;
  }
  if (options.single || options.includeLinks) {
    json['_links'] = pullRequestLinks(orgUrl, pr);
  }
  return json;
}
