// Derives an evaluation's status and `isExpired` from its build, its policy's expiration and the clock (§3.5, §4).
import type { EvaluationEntity } from '../model/entities.js';

export type EvaluationStatus = 'queued' | 'running' | 'approved' | 'rejected' | 'notApplicable' | 'broken';

export interface EvaluationView {
  status: EvaluationStatus;
  /** Only meaningful for build policies; false otherwise. */
  isExpired: boolean;
  completedMs?: number;
}

/**
 * Expiry per §3.5: immediately (queueOnSourceUpdateOnly false, validDuration 0) → as soon as the build is not
 * current; after N hours (true, N*60) → not current and buildStartedUtc + N hours has passed; never (true, 0).
 */
export function isEvaluationExpired(evaluation: EvaluationEntity, nowMs: number): boolean {
  const settings = evaluation.policy.build;
  const build = evaluation.build;
  if (settings === undefined || build === undefined) {
    return false;
  }
  if (evaluation.forcedExpired) {
    return true;
  }
  if (!evaluation.buildIsNotCurrent) {
    return false;
  }
  if (!settings.queueOnSourceUpdateOnly) {
    return true;
  }
  if (settings.validDuration === 0) {
    return false;
  }
  return nowMs >= build.queueMs + settings.validDuration * 60_000;
}

function reviewerStatus(evaluation: EvaluationEntity): EvaluationStatus {
  const minimum = Number(evaluation.policy.extraSettings['minimumApproverCount'] ?? 1);
  const votes = evaluation.pullRequest.reviewers.map((reviewer) => reviewer.vote);
  if (votes.includes(-10)) {
    return 'rejected';
  }
  return votes.filter((vote) => vote >= 5).length >= minimum ? 'approved' : 'rejected';
}

/** The status and expiry a client sees now; build state must be settled first (engine/build-lifecycle.ts). */
export function describeEvaluation(evaluation: EvaluationEntity, nowMs: number): EvaluationView {
  if (evaluation.fixedStatus === 'notApplicable') {
    return { status: 'notApplicable', isExpired: false };
  }
  const settings = evaluation.policy.build;
  if (settings === undefined) {
    const status = evaluation.fixedStatus ?? reviewerStatus(evaluation);
    return status === 'approved' || status === 'rejected'
      ? { status, isExpired: false, completedMs: evaluation.startedMs }
      : { status, isExpired: false };
  }
  const build = evaluation.build;
  if (build === undefined) {
    // A manual-only policy that never ran waits for someone to queue it.
    return { status: 'queued', isExpired: false };
  }
  if (build.status === 'notStarted') {
    return { status: 'queued', isExpired: isEvaluationExpired(evaluation, nowMs) };
  }
  if (build.status === 'inProgress') {
    return { status: 'running', isExpired: isEvaluationExpired(evaluation, nowMs) };
  }
  const isExpired = isEvaluationExpired(evaluation, nowMs);
  const completed = build.finishMs === undefined ? {} : { completedMs: build.finishMs };
  if (isExpired) {
    // §4: an expired build check usually reads `status: "queued"` with `isExpired: true`.
    return { status: 'queued', isExpired, ...completed };
  }
  return { status: build.result === 'succeeded' ? 'approved' : 'rejected', isExpired, ...completed };
}
