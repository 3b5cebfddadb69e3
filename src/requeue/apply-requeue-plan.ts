// Performs the planned requeues through the port, never starting new work once a stop is requested.
import { createWorkQueue } from '../util/work-queue.js';
import { ApiFailure, CheckNoLongerApplicableError, type ChecksApi } from './checks-api.js';
import type { CrossRunGuard } from './cross-run-guard.js';
import type { CheckVerdict } from './model.js';
import type { PlannedRequeue } from './plan-requeue.js';

export interface ApplyOptions {
  readonly concurrency: number;
  readonly dryRun: boolean;
  /** Graceful stop (SIGINT/SIGTERM): in-flight requeues finish, no new one starts. */
  readonly stopSignal?: AbortSignal;
  /** Looks for other runs' requeues right before each PATCH (decision 0014); none in a dry run. */
  readonly guard?: CrossRunGuard | undefined;
}

export interface AppliedRequeues {
  /** Keyed by evaluation id. */
  readonly verdicts: ReadonlyMap<string, CheckVerdict>;
  readonly authFailure: boolean;
}

export async function applyRequeuePlan(
  requeues: readonly PlannedRequeue[],
  api: ChecksApi,
  options: ApplyOptions,
): Promise<AppliedRequeues> {
  const verdicts = new Map<string, CheckVerdict>();
  let authFailure = false;
  if (options.dryRun) {
    for (const planned of requeues) {
      const { check } = planned;
      verdicts.set(check.evaluationId, {
        check,
        action: 'would-requeue',
        reason: `${reasonOf(planned)} (dry run)`,
        ...triggerOf(planned),
      });
    }
    return { verdicts, authFailure };
  }
  const queue = createWorkQueue(options.concurrency, async (planned: PlannedRequeue) => {
    const { pullRequest, check } = planned;
    if (options.stopSignal?.aborted) {
      verdicts.set(check.evaluationId, {
        check,
        action: 'skipped',
        skipReason: 'interrupted',
        reason: 'run interrupted before this requeue started',
      });
      return;
    }
    try {
      const send = () => api.requeueCheck(pullRequest, check);
      const attempt = options.guard ? await options.guard.guard(planned, send) : { done: await send() };
      if ('newerBuildId' in attempt) {
        const reason = `build ${attempt.newerBuildId} was queued for it after this run read it (with build ${check.buildId ?? 'none'}): another run or a push requeued it`;
        verdicts.set(check.evaluationId, {
          check,
          action: 'skipped',
          skipReason: 'changed',
          reason,
          ...triggerOf(planned),
        });
        return;
      }
      const outcome = attempt.done;
      const how = outcome.confirmedBy === 'read-back' ? ' (confirmed by reading the check back)' : '';
      const note = 'note' in attempt && attempt.note !== undefined ? `; ${attempt.note}` : '';
      verdicts.set(check.evaluationId, {
        check,
        action: 'requeued',
        reason: `${reasonOf(planned)}; requeued${how}${note}`,
        ...triggerOf(planned),
        ...(outcome.newBuildId === undefined ? {} : { newBuildId: outcome.newBuildId }),
      });
    } catch (error) {
      verdicts.set(check.evaluationId, { ...describeFailure(check, error), ...triggerOf(planned) });
      if (error instanceof ApiFailure && error.kind === 'auth') authFailure = true;
    }
  });
  for (const planned of requeues) queue.add(planned);
  await queue.drained();
  return { verdicts, authFailure };
}

function reasonOf(planned: PlannedRequeue): string {
  return planned.reason ?? 'build expired';
}

function triggerOf(planned: PlannedRequeue): Pick<CheckVerdict, 'trigger'> {
  return planned.trigger === undefined ? {} : { trigger: planned.trigger };
}

function describeFailure(check: CheckVerdict['check'], error: unknown): CheckVerdict {
  if (error instanceof CheckNoLongerApplicableError) {
    return { check, action: 'skipped', skipReason: error.skipReason, reason: error.message };
  }
  if (error instanceof ApiFailure && error.kind === 'stopped') {
    return {
      check,
      action: 'skipped',
      skipReason: 'interrupted',
      reason: 'run stopped before this requeue was sent',
    };
  }
  if (error instanceof ApiFailure) {
    return { check, action: 'failed', reason: error.message, errorCode: error.code };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { check, action: 'failed', reason: `unexpected error: ${message}`, errorCode: 'internal' };
}
