// JSON of policy configurations and evaluation records (PolicyConfiguration, PolicyEvaluationRecord; §3.5, §4).
import type { EvaluationView } from '../engine/evaluation-state.js';
import type { EvaluationEntity, PolicyEntity } from '../model/entities.js';
import { formatDate, link, type JsonObject } from '../protocol/wire-format.js';
import { identityRefJson } from './core-json.js';

/** Build settings in the service's key order, then scope (§3.5 real configuration). */
function settingsJson(policy: PolicyEntity): JsonObject {
  const scope = policy.scope.map((entry) => ({ ...entry }));
  const build = policy.build;
  if (build === undefined) {
    return { ...policy.extraSettings, scope };
  }
  return {
    buildDefinitionId: build.definitionId,
    queueOnSourceUpdateOnly: build.queueOnSourceUpdateOnly,
    manualQueueOnly: build.manualQueueOnly,
    displayName: build.displayName,
    validDuration: build.validDuration,
    scope,
  };
}

export function configurationJson(orgUrl: string, policy: PolicyEntity): JsonObject {
  const base = `${orgUrl}/${policy.project.id}/_apis/policy`;
  return {
    createdBy: identityRefJson(orgUrl, policy.createdBy),
    createdDate: formatDate(policy.createdMs),
    isEnabled: policy.isEnabled,
    isBlocking: policy.isBlocking,
    isDeleted: false,
    settings: settingsJson(policy),
    isEnterpriseManaged: false,
    _links: {
      self: link(`${base}/configurations/${policy.id}`),
      policyType: link(`${base}/types/${policy.typeId}`),
    },
    revision: policy.revision,
    id: policy.id,
    url: `${base}/configurations/${policy.id}`,
    type: { id: policy.typeId, url: `${base}/types/${policy.typeId}`, displayName: policy.typeDisplayName },
  };
}

/** The PR's policy artifact id in the `%2f` form real records carry (§4). */
export function policyArtifactId(projectId: string, pullRequestId: number): string {
  return `vstfs:///CodeReview/CodeReviewId/${projectId}%2f${pullRequestId}`;
}

/** Build-policy `context` (§4 table): every key a real record has, `isExpired` a real boolean. */
function buildContext(evaluation: EvaluationEntity, view: EvaluationView): JsonObject | null {
  const settings = evaluation.policy.build;
  if (settings === undefined) {
    return null;
  }
  const build = evaluation.build;
  const commits = evaluation.mergeCommitIds;
  return {
    lastMergeCommitId: commits?.merge,
    lastMergeSourceCommitId: commits?.source,
    lastMergeTargetCommitId: commits?.target,
    buildId: build?.id,
    buildDefinitionId: settings.definitionId,
    buildDefinitionName: settings.definitionName,
    buildIsNotCurrent: evaluation.buildIsNotCurrent,
    buildStartedUtc: build === undefined ? undefined : formatDate(build.queueMs),
    isExpired: view.isExpired,
    buildAfterMerge: false,
    wasAutoRequeued: false,
    buildOutputPreview: null,
  };
}

export function evaluationJson(
  orgUrl: string,
  evaluation: EvaluationEntity,
  view: EvaluationView,
): JsonObject {
  const pr = evaluation.pullRequest;
  return {
    configuration: configurationJson(orgUrl, evaluation.policy),
    artifactId: policyArtifactId(pr.project.id, pr.id),
    evaluationId: evaluation.id,
    startedDate: formatDate(evaluation.startedMs),
    completedDate: view.completedMs === undefined ? undefined : formatDate(view.completedMs),
    status: view.status,
    context: buildContext(evaluation, view),
  };
}
