// A flat, JSON-ready picture of the emulated organization, enough for a test to compute what should be requeued.
import { settleActiveBuilds } from '../engine/build-lifecycle.js';
import { describeEvaluation } from '../engine/evaluation-state.js';
import type { BuildEntity } from '../model/entities.js';
import { formatDate } from '../protocol/wire-format.js';
import { orgUrlOf, type EmulatorRuntime } from '../runtime/emulator-runtime.js';

export interface BuildSnapshot {
  id: number;
  projectId: string;
  definitionId: number;
  definitionName: string;
  pullRequestId: number;
  status: BuildEntity['status'];
  result: BuildEntity['result'] | null;
  queueTime: string;
  startTime: string | null;
  finishTime: string | null;
  cancelledByRequeue: boolean;
}

export function buildSnapshot(build: BuildEntity): BuildSnapshot {
  return {
    id: build.id,
    projectId: build.project.id,
    definitionId: build.definitionId,
    definitionName: build.definitionName,
    pullRequestId: build.pullRequest.id,
    status: build.status,
    result: build.result ?? null,
    queueTime: formatDate(build.queueMs),
    startTime: build.startMs === undefined ? null : formatDate(build.startMs),
    finishTime: build.finishMs === undefined ? null : formatDate(build.finishMs),
    cancelledByRequeue: build.cancelledByRequeue,
  };
}

/** Every build, settled to the emulator's now. */
export function buildsSnapshot(runtime: EmulatorRuntime): BuildSnapshot[] {
  settleActiveBuilds(runtime.store, runtime.clock.nowMs());
  return [...runtime.store.buildsById.values()].map(buildSnapshot);
}

export type EmulatorState = ReturnType<typeof stateSnapshot>;

export function stateSnapshot(runtime: EmulatorRuntime) {
  const store = runtime.store;
  const nowMs = runtime.clock.nowMs();
  const builds = buildsSnapshot(runtime);
  const identity = (token: 'job' | 'pat') => ({
    id: store.identities[token].id,
    displayName: store.identities[token].displayName,
    account: store.identities[token].account,
  });
  return {
    organization: {
      name: store.organization,
      url: orgUrlOf(runtime),
      collectionId: store.collectionId,
      serverVersion: runtime.serverVersion,
    },
    now: formatDate(nowMs),
    clockOffsetMinutes: runtime.clock.offsetMs() / 60_000,
    identities: { job: identity('job'), pat: identity('pat') },
    access: {
      jobProjectId: store.access.jobProjectId,
      referencedRepositoryIds:
        store.access.jobRepositoryIds === null ? null : [...store.access.jobRepositoryIds],
      denied: store.access.denials.map((d) => ({
        token: d.token,
        permission: d.permission,
        repositoryIds: d.repositoryIds === undefined ? null : [...d.repositoryIds],
        definitionIds: d.definitionIds === undefined ? null : [...d.definitionIds],
      })),
    },
    projects: store.projects.map((project) => ({
      id: project.id,
      name: project.name,
      repositories: project.repositories.map((repository) => ({
        id: repository.id,
        name: repository.name,
        branches: Object.fromEntries([...repository.branches.values()].map((b) => [b.refName, b.commitId])),
      })),
    })),
    policies: [...store.policiesById.values()].map((policy) => ({
      id: policy.id,
      projectId: policy.project.id,
      typeId: policy.typeId,
      typeDisplayName: policy.typeDisplayName,
      label: policy.label,
      isEnabled: policy.isEnabled,
      isBlocking: policy.isBlocking,
      scope: policy.scope,
      build: policy.build ?? null,
    })),
    pullRequests: [...store.pullRequestsById.values()].map((pr) => ({
      id: pr.id,
      projectId: pr.project.id,
      repositoryId: pr.repository.id,
      repositoryName: pr.repository.name,
      status: pr.status,
      isDraft: pr.isDraft,
      mergeStatus: pr.hasConflicts ? 'conflicts' : 'succeeded',
      autoComplete: pr.autoCompleteSetBy !== undefined,
      sourceRefName: pr.sourceRefName,
      targetRefName: pr.targetRefName,
      lastMergeTargetCommit: pr.lastMergeTargetCommit,
      reviewers: pr.reviewers.map((r) => ({
        id: r.identity.id,
        displayName: r.identity.displayName,
        vote: r.vote,
      })),
    })),
    evaluations: [...store.evaluationsById.values()].map((evaluation) => {
      const view = describeEvaluation(evaluation, nowMs);
      return {
        evaluationId: evaluation.id,
        pullRequestId: evaluation.pullRequest.id,
        projectId: evaluation.pullRequest.project.id,
        repositoryId: evaluation.pullRequest.repository.id,
        configurationId: evaluation.policy.id,
        typeId: evaluation.policy.typeId,
        label: evaluation.policy.label,
        isBuild: evaluation.policy.build !== undefined,
        isBlocking: evaluation.policy.isBlocking,
        isEnabled: evaluation.policy.isEnabled,
        manualQueueOnly: evaluation.policy.build?.manualQueueOnly ?? false,
        status: view.status,
        isExpired: view.isExpired,
        buildId: evaluation.build?.id ?? null,
        buildStatus: evaluation.build?.status ?? null,
      };
    }),
    builds,
    counters: { ...store.counters },
  };
}
