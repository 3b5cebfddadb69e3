// Compares what the emulator recorded (one record per requeue it performed) with what the rules expected and with
// what the run reported: none lost, none twice, none unexpected, and a report that matches the record.
import type { RequeueRecord } from '../../../src/emulator/index.js';
import type { CheckVerdict, RequeueResult } from '../../../src/index.js';

export interface ExactlyOnceAudit {
  readonly expected: number;
  readonly requeues: number;
  /** Expected checks the emulator never requeued. */
  readonly lost: readonly string[];
  /** Checks requeued more than once. */
  readonly duplicates: readonly string[];
  /** Checks requeued that the rules did not select. */
  readonly unexpected: readonly string[];
  /** Checks whose verdict disagrees with the emulator's record (requeued vs not, or the new build id). */
  readonly misreported: readonly string[];
}

export function auditExactlyOnce(
  expected: ReadonlySet<string>,
  records: readonly RequeueRecord[],
  result: RequeueResult,
): ExactlyOnceAudit {
  const byEvaluation = new Map<string, RequeueRecord[]>();
  for (const record of records) {
    byEvaluation.set(record.evaluationId, [...(byEvaluation.get(record.evaluationId) ?? []), record]);
  }
  const verdicts = new Map<string, CheckVerdict>();
  for (const pullRequest of result.pullRequests) {
    for (const verdict of pullRequest.checks) verdicts.set(verdict.check.evaluationId, verdict);
  }
  const misreported: string[] = [];
  for (const [evaluationId, verdict] of verdicts) {
    const done = byEvaluation.get(evaluationId);
    const saysDone = verdict.action === 'requeued';
    const buildDiffers =
      saysDone && verdict.newBuildId !== undefined && verdict.newBuildId !== done?.[0]?.newBuildId;
    if (saysDone !== (done !== undefined) || buildDiffers) misreported.push(evaluationId);
  }
  for (const evaluationId of byEvaluation.keys()) {
    if (!verdicts.has(evaluationId)) misreported.push(evaluationId);
  }
  return {
    expected: expected.size,
    requeues: records.length,
    lost: [...expected].filter((id) => !byEvaluation.has(id)),
    duplicates: [...byEvaluation].filter(([, list]) => list.length > 1).map(([id]) => id),
    unexpected: [...byEvaluation.keys()].filter((id) => !expected.has(id)),
    misreported,
  };
}
