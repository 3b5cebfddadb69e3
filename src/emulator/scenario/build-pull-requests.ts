// Turns scenario pull requests into entities with their evaluations and the builds behind their checks (§3.3, §4).
import { queueBuild, completeBuild } from '../engine/build-lifecycle.js';
import type {
  EvaluationEntity,
  PolicyEntity,
  PullRequestEntity,
  RepositoryEntity,
} from '../model/entities.js';
import { userNamed } from '../identity/identities.js';
import { isReviewerPolicy } from '../model/policy-types.js';
import type { Store } from '../model/store.js';
import { toRefName } from './build-policies.js';
import type { CheckState, ScenarioPullRequest } from './scenario-types.js';

const MINUTE_MS = 60_000;
const DEFAULT_AUTHORS = ['Jane Doe', 'Ravi Patel', 'Mei Chen', 'Tom Becker'];

export interface PullRequestBuildContext {
  store: Store;
  nowMs: number;
  policiesFor(repository: RepositoryEntity, targetRefName: string): PolicyEntity[];
}

/** The head of a branch, created with a fresh commit the first time it is named. */
export function branchHead(
  ctx: PullRequestBuildContext,
  repository: RepositoryEntity,
  refName: string,
): string {
  const key = refName.toLowerCase();
  let branch = repository.branches.get(key);
  if (branch === undefined) {
    branch = { refName, commitId: ctx.store.random.sha() };
    repository.branches.set(key, branch);
  }
  return branch.commitId;
}

function stateFor(spec: ScenarioPullRequest, policy: PolicyEntity): CheckState | undefined {
  const named = spec.checks?.[policy.label];
  if (named !== undefined) {
    return named;
  }
  return policy.build === undefined ? spec.otherPolicies : (spec.check ?? 'approved');
}

function attachBuild(ctx: PullRequestBuildContext, evaluation: EvaluationEntity, state: CheckState): void {
  const { store, nowMs } = ctx;
  const pr = evaluation.pullRequest;
  const hours = evaluation.policy.build?.validDuration ?? 0;
  const queuedMinutesAgo = { running: 1, queued: 0, expired: hours + 120 }[state as string] ?? 60;
  const build = queueBuild(store, pr, evaluation.policy, pr.createdBy, nowMs - queuedMinutesAgo * MINUTE_MS);
  store.counters.buildsQueued -= 1; // scenario history, not a build the run caused
  evaluation.build = build;
  evaluation.startedMs = build.queueMs;
  evaluation.mergeCommitIds = {
    merge: pr.lastMergeCommit,
    source: pr.lastMergeSourceCommit,
    target: pr.lastMergeTargetCommit,
  };
  if (state === 'queued') {
    return;
  }
  build.status = 'inProgress';
  // A running build starts "now", so with `builds.runMs` it is still running for that long after start.
  build.startMs = build.queueMs + MINUTE_MS;
  if (state === 'running') {
    return;
  }
  completeBuild(store, build, state === 'rejected' ? 'failed' : 'succeeded', build.startMs + 10 * MINUTE_MS);
  if (state === 'expired') {
    // The build ran against an older target head; the target has moved since (§4 real expired record).
    evaluation.mergeCommitIds = {
      ...evaluation.mergeCommitIds,
      merge: store.random.sha(),
      target: store.random.sha(),
    };
    evaluation.buildIsNotCurrent = true;
    evaluation.forcedExpired = true;
  }
}

function createEvaluation(
  ctx: PullRequestBuildContext,
  pr: PullRequestEntity,
  policy: PolicyEntity,
  state: CheckState | undefined,
): EvaluationEntity {
  const evaluation: EvaluationEntity = {
    id: ctx.store.random.guid(),
    pullRequest: pr,
    policy,
    startedMs: pr.creationMs,
    buildIsNotCurrent: false,
    forcedExpired: false,
  };
  if (state === 'notApplicable') {
    evaluation.fixedStatus = 'notApplicable';
  } else if (policy.build !== undefined) {
    if (state !== 'notRun') {
      attachBuild(ctx, evaluation, state ?? 'approved');
    }
  } else if (state !== undefined) {
    const fixed = { expired: 'approved', notExpired: 'approved', notRun: 'queued' } as const;
    evaluation.fixedStatus = state in fixed ? fixed[state as keyof typeof fixed] : (state as 'approved');
  } else if (!isReviewerPolicy(policy.typeId)) {
    evaluation.fixedStatus = 'approved';
  }
  return evaluation;
}

/** Creates one pull request, its evaluations (one per applicable policy) and their builds. */
export function createPullRequest(
  ctx: PullRequestBuildContext,
  repository: RepositoryEntity,
  spec: ScenarioPullRequest,
  id: number,
  creationMs: number,
): PullRequestEntity {
  const { store } = ctx;
  const author = (name: string) => userNamed(store.identities.users, name, store.collectionId, store.random);
  const createdBy = author(spec.createdBy ?? DEFAULT_AUTHORS[id % DEFAULT_AUTHORS.length] ?? 'Jane Doe');
  const sourceRefName = toRefName(spec.sourceBranch ?? `feature/pr-${id}`);
  const targetRefName = toRefName(spec.targetBranch);
  const status = spec.status ?? 'active';
  const pr: PullRequestEntity = {
    id,
    project: repository.project,
    repository,
    title: spec.title ?? `Pull request ${id}`,
    description: `Changes for pull request ${id}.`,
    sourceRefName,
    targetRefName,
    status,
    isDraft: spec.isDraft ?? false,
    hasConflicts: spec.conflicts ?? false,
    creationMs,
    createdBy,
    reviewers: (spec.reviewers ?? []).map((r) => ({
      identity: author(r.name),
      vote: r.vote ?? 0,
      isRequired: r.isRequired ?? false,
    })),
    mergeId: store.random.guid(),
    // Source branches are not kept as branches: 10,000 PRs would mean 10,000 refs nobody pushes to.
    lastMergeSourceCommit:
      repository.branches.get(sourceRefName.toLowerCase())?.commitId ?? store.random.sha(),
    lastMergeTargetCommit: branchHead(ctx, repository, targetRefName),
    lastMergeCommit: store.random.sha(),
    evaluations: [],
  };
  if (status !== 'active') {
    pr.closedMs = creationMs + 30 * MINUTE_MS;
  }
  if (spec.autoComplete === true) {
    pr.autoCompleteSetBy = createdBy;
  }
  if (spec.buildResult !== undefined) {
    pr.buildResult = spec.buildResult;
  }
  for (const policy of ctx.policiesFor(repository, targetRefName)) {
    pr.evaluations.push(createEvaluation(ctx, pr, policy, stateFor(spec, policy)));
  }
  return pr;
}
