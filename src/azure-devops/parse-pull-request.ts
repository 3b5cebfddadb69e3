// Turns a GitPullRequest (git 7.1, reference §3.3) into the domain's PullRequest, checking what the rules rely on.
import type { PullRequest } from '../requeue/model.js';
import {
  isObject,
  readObject,
  readString,
  requireNumber,
  requireString,
  UnexpectedShapeError,
} from './json-guards.js';

export function parsePullRequest(value: unknown, organizationUrl: string): PullRequest {
  if (!isObject(value)) throw new UnexpectedShapeError('pull request is not an object');
  const id = requireNumber(value, 'pullRequestId', 'pull request');
  const what = `pull request ${id}`;
  const repository = readObject(value, 'repository');
  const project = repository ? readObject(repository, 'project') : undefined;
  if (!repository || !project) throw new UnexpectedShapeError(`${what} has no repository.project`);
  const projectRef = { id: requireString(project, 'id', what), name: readString(project, 'name') ?? '' };
  const repositoryRef = {
    id: requireString(repository, 'id', what),
    name: readString(repository, 'name') ?? '',
  };
  const sourceCommit = readObject(value, 'lastMergeSourceCommit');
  const targetCommit = readObject(value, 'lastMergeTargetCommit');
  const lastMergeSourceCommit = sourceCommit ? readString(sourceCommit, 'commitId') : undefined;
  const lastMergeTargetCommit = targetCommit ? readString(targetCommit, 'commitId') : undefined;
  return {
    id,
    title: readString(value, 'title') ?? '',
    project: projectRef,
    repository: repositoryRef,
    sourceBranch: readString(value, 'sourceRefName') ?? '',
    targetBranch: requireString(value, 'targetRefName', what),
    status: readString(value, 'status') ?? 'active',
    isDraft: value['isDraft'] === true,
    mergeStatus: readString(value, 'mergeStatus') ?? 'notSet',
    // autoCompleteSetBy is present only while auto-complete is on (GitPullRequest 7.1 schema).
    autoComplete: isObject(value['autoCompleteSetBy']),
    createdAt: readString(value, 'creationDate') ?? '',
    webUrl: pullRequestWebUrl(
      organizationUrl,
      projectRef.name || projectRef.id,
      repositoryRef.name || repositoryRef.id,
      id,
    ),
    ...(lastMergeSourceCommit ? { lastMergeSourceCommit } : {}),
    ...(lastMergeTargetCommit ? { lastMergeTargetCommit } : {}),
  };
}

/** The web page of a PR; built from the trusted organization URL, never taken from the answer. */
export function pullRequestWebUrl(
  organizationUrl: string,
  project: string,
  repository: string,
  id: number,
): string {
  return `${organizationUrl}/${encodeURIComponent(project)}/_git/${encodeURIComponent(repository)}/pullrequest/${id}`;
}
