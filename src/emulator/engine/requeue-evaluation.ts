// Re-queue (PATCH evaluation): a build policy queues a new build, cancelling a queued or running one (§3.4).
import type { Caller } from '../identity/authenticate.js';
import type { EvaluationEntity } from '../model/entities.js';
import type { Store } from '../model/store.js';
import { formatDate } from '../protocol/wire-format.js';
import { cancelBuildForRequeue, queueBuild, settleBuild } from './build-lifecycle.js';

/** One re-queue the emulator performed, so tests can assert "each expected check requeued exactly once". */
export interface RequeueRecord {
  /** Emulator-clock time (epoch ms) and its ISO form. */
  timeMs: number;
  time: string;
  evaluationId: string;
  pullRequestId: number;
  projectId: string;
  configurationId: number;
  token: 'job' | 'pat';
  identity: string;
  previousBuildId: number | null;
  newBuildId: number | null;
  /** The previous build was queued or running and got cancelled: a wasted build. */
  cancelledBuild: boolean;
  cancelledBuildId: number | null;
}

/** Where a re-queue lands: the live store and the record list (the runtime, read at call time). */
export interface RequeueLedger {
  readonly store: Store;
  readonly requeues: RequeueRecord[];
}

/**
 * Applies a re-queue and records it. Other policy types are a no-op that still succeeds (§3.4). The new
 * record state follows §4's recommendation: new buildId, buildStartedUtc = now, isExpired and
 * buildIsNotCurrent false, status queued.
 */
export function requeueEvaluation(
  runtime: RequeueLedger,
  evaluation: EvaluationEntity,
  caller: Caller,
  nowMs: number,
): RequeueRecord {
  const store = runtime.store;
  const pr = evaluation.pullRequest;
  const previous = evaluation.build;
  let cancelled = false;
  let newBuildId: number | null = null;
  if (evaluation.policy.build !== undefined) {
    if (previous !== undefined) {
      settleBuild(store, previous, nowMs);
      if (previous.status !== 'completed') {
        cancelBuildForRequeue(store, previous, nowMs);
        cancelled = true;
      }
    }
    const build = queueBuild(store, pr, evaluation.policy, caller.identity, nowMs);
    evaluation.build = build;
    evaluation.startedMs = nowMs;
    evaluation.buildIsNotCurrent = false;
    evaluation.forcedExpired = false;
    evaluation.mergeCommitIds = {
      merge: pr.lastMergeCommit,
      source: pr.lastMergeSourceCommit,
      target: pr.lastMergeTargetCommit,
    };
    newBuildId = build.id;
  }
  store.counters.requeues += 1;
  const record: RequeueRecord = {
    timeMs: nowMs,
    time: formatDate(nowMs),
    evaluationId: evaluation.id,
    pullRequestId: pr.id,
    projectId: pr.project.id,
    configurationId: evaluation.policy.id,
    token: caller.token,
    identity: caller.identity.displayName,
    previousBuildId: previous?.id ?? null,
    newBuildId,
    cancelledBuild: cancelled,
    cancelledBuildId: cancelled ? (previous?.id ?? null) : null,
  };
  runtime.requeues.push(record);
  return record;
}
