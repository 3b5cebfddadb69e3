// Turns a GitPullRequest (git 7.1, reference §3.3) into the domain's PullRequest, checking what the rules rely on.
import type { PullRequest } from '../requeue/model.js';
import type { SharedValues } from './shared-values.js';
import {
  isObject,
  readObject,
  readString,
  requireNumber,
  requireString,
  UnexpectedShapeError,
} from './json-guards.js';

/** `shared` keeps one copy of the values pull requests repeat (ids, names, branches, the target commit). */
export function parsePullRequest(value: unknown, shared: SharedValues): PullRequest {
  if (!isObject(value)) throw new UnexpectedShapeError('pull request is not an object');
  const id = requireNumber(value, 'pullRequestId', 'pull request');
  const what = `pull request ${id}`;
  const repository = readObject(value, 'repository');
  const project = repository ? readObject(repository, 'project') : undefined;
  if (!repository || !project) throw new UnexpectedShapeError(`${what} has no repository.project`);
  const {
    project: projectRef,
    repository: repositoryRef,
    pullRequestUrlPrefix,
  } = shared.repository(
    { id: requireString(project, 'id', what), name: readString(project, 'name') ?? '' },
    { id: requireString(repository, 'id', what), name: readString(repository, 'name') ?? '' },
  );
  const sourceCommit = readObject(value, 'lastMergeSourceCommit');
  const targetCommit = readObject(value, 'lastMergeTargetCommit');
  const sourceCommitId = sourceCommit ? readString(sourceCommit, 'commitId') : undefined;
  const lastMergeSourceCommit = sourceCommitId === undefined ? undefined : shared.string(sourceCommitId);
  const targetCommitId = targetCommit ? readString(targetCommit, 'commitId') : undefined;
  // Every PR into one branch shares its target commit; source commits are unique but repeat in the checks.
  const lastMergeTargetCommit = targetCommitId === undefined ? undefined : shared.string(targetCommitId);
  return {
    id,
    title: readString(value, 'title') ?? '',
    project: projectRef,
    repository: repositoryRef,
    sourceBranch: readString(value, 'sourceRefName') ?? '',
    targetBranch: shared.string(requireString(value, 'targetRefName', what)),
    status: shared.string(readString(value, 'status') ?? 'active'),
    isDraft: value['isDraft'] === true,
    mergeStatus: shared.string(readString(value, 'mergeStatus') ?? 'notSet'),
    // autoCompleteSetBy is present only while auto-complete is on (GitPullRequest 7.1 schema).
    autoComplete: isObject(value['autoCompleteSetBy']),
    createdAt: readString(value, 'creationDate') ?? '',
    webUrl: pullRequestUrlPrefix + String(id),
    ...(lastMergeSourceCommit ? { lastMergeSourceCommit } : {}),
    ...(lastMergeTargetCommit ? { lastMergeTargetCommit } : {}),
  };
}
