// JSON of builds (Build) as `GET {p}/_apis/build/builds/{id}` returns them (§3.6).
import type { BuildEntity } from '../model/entities.js';
import { formatDate, link, type JsonObject } from '../protocol/wire-format.js';
import { identityRefJson, projectReferenceJson } from './core-json.js';

export function buildUrl(orgUrl: string, build: BuildEntity): string {
  return `${orgUrl}/${build.project.id}/_apis/build/Builds/${build.id}`;
}

/** Build; `_links.web.href` is the results page a requeue report links to (§9 step 5). */
export function buildJson(orgUrl: string, build: BuildEntity): JsonObject {
  const url = buildUrl(orgUrl, build);
  const project = projectReferenceJson(orgUrl, build.project);
  const pr = build.pullRequest;
  return {
    _links: {
      self: link(url),
      web: link(`${orgUrl}/${build.project.id}/_build/results?buildId=${build.id}`),
      sourceVersionDisplayUri: link(`${url}/sources`),
      timeline: link(`${orgUrl}/${build.project.id}/_apis/build/builds/${build.id}/Timeline`),
      badge: link(`${orgUrl}/${build.project.id}/_apis/build/status/${build.definitionId}`),
    },
    properties: {},
    tags: [],
    validationResults: [],
    plans: [],
    triggerInfo: {
      'pr.number': String(pr.id),
      'pr.isFork': 'False',
      'pr.triggerRepository': pr.repository.id,
      'pr.triggerRepository.Type': 'TfsGit',
      'pr.sourceBranch': pr.sourceRefName,
      'pr.sourceSha': pr.lastMergeSourceCommit,
    },
    id: build.id,
    buildNumber: build.buildNumber,
    status: build.status,
    result: build.result,
    queueTime: formatDate(build.queueMs),
    startTime: build.startMs === undefined ? undefined : formatDate(build.startMs),
    finishTime: build.finishMs === undefined ? undefined : formatDate(build.finishMs),
    url,
    definition: {
      drafts: [],
      id: build.definitionId,
      name: build.definitionName,
      url: `${orgUrl}/${build.project.id}/_apis/build/Definitions/${build.definitionId}?revision=1`,
      uri: `vstfs:///Build/Definition/${build.definitionId}`,
      path: '\\',
      type: 'build',
      queueStatus: 'enabled',
      revision: 1,
      project,
    },
    buildNumberRevision: 1,
    project,
    uri: `vstfs:///Build/Build/${build.id}`,
    sourceBranch: `refs/pull/${pr.id}/merge`,
    sourceVersion: build.sourceVersion,
    queue: { id: 9, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } },
    priority: 'normal',
    reason: 'pullRequest',
    requestedFor: identityRefJson(orgUrl, build.requestedFor),
    requestedBy: identityRefJson(orgUrl, build.requestedFor),
    lastChangedDate: formatDate(build.finishMs ?? build.startMs ?? build.queueMs),
    parameters: JSON.stringify({ 'system.pullRequest.pullRequestId': String(pr.id) }),
    repository: {
      id: pr.repository.id,
      type: 'TfsGit',
      name: pr.repository.name,
      checkoutSubmodules: false,
    },
    retainedByRelease: false,
    appendCommitMessageToRunName: true,
  };
}
