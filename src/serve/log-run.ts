// The log lines of one requeue run: one per check requeued or failed (what a reader looks for), one for the run.
import type { RequeueResult } from '../index.js';

export type LogLine = (fields: Record<string, unknown>) => void;

export function logRun(log: LogLine, result: RequeueResult, run: Record<string, unknown>): void {
  for (const verdict of result.pullRequests) {
    for (const check of verdict.checks) {
      if (check.action !== 'requeued' && check.action !== 'failed' && check.action !== 'would-requeue')
        continue;
      log({
        event: check.action === 'failed' ? 'requeue-failed' : check.action,
        ...(check.action === 'failed' ? { level: 'error' } : {}),
        ...run,
        pullRequestId: verdict.pullRequest.id,
        policy: check.check.policyName,
        evaluationId: check.check.evaluationId,
        ...(check.newBuildId === undefined ? {} : { newBuildId: check.newBuildId }),
        ...(check.errorCode === undefined ? {} : { errorCode: check.errorCode, reason: check.reason }),
      });
    }
  }
  const { summary } = result;
  log({
    event: 'run',
    ...run,
    pullRequests: summary.pullRequests,
    requeued: summary.requeued,
    wouldRequeue: summary.wouldRequeue,
    skipped: summary.skipped,
    failed: summary.failed,
    interrupted: result.interrupted,
  });
}

/** Formats one JSON log line; string values are masked before JSON escapes them (checklist: mask first). */
export function createJsonLog(
  write: (line: string) => void,
  redact: (text: string) => string,
  now: () => number,
): LogLine {
  return (fields) => {
    const line = JSON.stringify(
      { time: new Date(now()).toISOString(), level: 'info', ...fields },
      (_key, value) => (typeof value === 'string' ? redact(value) : (value as unknown)),
    );
    write(`${line}\n`);
  };
}
