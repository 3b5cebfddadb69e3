// JSON of Git repositories and commit references (GitRepository, GitCommitRef) as in §3.2.
import type { RepositoryEntity } from '../model/entities.js';
import { link, pathSegment, type JsonObject } from '../protocol/wire-format.js';
import { projectReferenceJson } from './core-json.js';

export function repositoryUrl(orgUrl: string, repository: RepositoryEntity): string {
  return `${orgUrl}/${repository.project.id}/_apis/git/repositories/${repository.id}`;
}

export function repositoryWebUrl(orgUrl: string, repository: RepositoryEntity): string {
  return `${orgUrl}/${pathSegment(repository.project.name)}/_git/${pathSegment(repository.name)}`;
}

/** GitCommitRef as used by `lastMerge*Commit` (§3.3). */
export function commitRefJson(orgUrl: string, repository: RepositoryEntity, commitId: string): JsonObject {
  return { commitId, url: `${repositoryUrl(orgUrl, repository)}/commits/${commitId}` };
}

/** GitRepository, shaped like the recorded item (§3.2); `_links` only when asked (includeLinks). */
export function repositoryJson(
  orgUrl: string,
  repository: RepositoryEntity,
  includeLinks: boolean,
): JsonObject {
  const url = repositoryUrl(orgUrl, repository);
  const origin = new URL(orgUrl);
  const org = origin.pathname.replace(/^\//, '');
  const json: JsonObject = {
    id: repository.id,
    name: repository.name,
    url,
    project: projectReferenceJson(orgUrl, repository.project),
    defaultBranch: repository.defaultBranch,
    size: 0,
    remoteUrl: `${origin.protocol}//${org}@${origin.host}/${org}/${pathSegment(repository.project.name)}/_git/${pathSegment(repository.name)}`,
    sshUrl: `git@ssh.${origin.hostname}:v3/${org}/${pathSegment(repository.project.name)}/${pathSegment(repository.name)}`,
    webUrl: repositoryWebUrl(orgUrl, repository),
    isDisabled: false,
    isInMaintenance: false,
  };
  if (includeLinks) {
    json['_links'] = {
      self: link(url),
      project: link(`${orgUrl}/_apis/projects/${repository.project.id}`),
      web: link(repositoryWebUrl(orgUrl, repository)),
      commits: link(`${url}/commits`),
      refs: link(`${url}/refs`),
      pullRequests: link(`${url}/pullRequests`),
      items: link(`${url}/items`),
      pushes: link(`${url}/pushes`),
    };
  }
  return json;
}
