// Checks that a JSON report (schemaVersion 1) is complete and consistent: every check has exactly one outcome
// (requeued, skipped with a reason, or failed with a reason) and the summary adds up to the entries.
import type { JsonReport } from '../../../src/index.js';

const ACTIONS = new Set(['requeued', 'would-requeue', 'skipped', 'failed']);

/** The problems found; empty when the report is consistent. */
export function checkJsonReport(report: JsonReport): string[] {
  const problems: string[] = [];
  if (report.schemaVersion !== 1) problems.push(`schemaVersion ${String(report.schemaVersion)}`);
  const counts = { requeued: 0, 'would-requeue': 0, skipped: 0, failed: 0 };
  let checks = 0;
  for (const pr of report.pullRequests) {
    if (pr.error !== undefined) counts.failed += 1;
    if (pr.skipReason !== undefined && pr.checks.length > 0)
      problems.push(`PR ${pr.id} skipped but has checks`);
    for (const check of pr.checks) {
      checks += 1;
      const where = `PR ${pr.id} check ${check.evaluationId}`;
      if (!ACTIONS.has(check.action)) problems.push(`${where}: action ${check.action}`);
      else counts[check.action] += 1;
      if ((check.action === 'skipped') !== (check.skipReason !== undefined)) {
        problems.push(`${where}: skipReason ${String(check.skipReason)} with action ${check.action}`);
      }
      if (check.reason.trim() === '') problems.push(`${where}: no reason`);
    }
  }
  const { summary } = report;
  if (summary.pullRequests !== report.pullRequests.length) problems.push('summary.pullRequests');
  if (summary.checks !== checks) problems.push('summary.checks');
  if (summary.requeued !== counts.requeued) problems.push('summary.requeued');
  if (summary.wouldRequeue !== counts['would-requeue']) problems.push('summary.wouldRequeue');
  if (summary.skipped !== counts.skipped) problems.push('summary.skipped');
  if (summary.failed !== counts.failed) problems.push('summary.failed');
  return problems;
}

/** Evaluation ids the report says were requeued. */
export function requeuedIn(report: JsonReport): string[] {
  return report.pullRequests.flatMap((pr) =>
    pr.checks.filter((check) => check.action === 'requeued').map((check) => check.evaluationId),
  );
}
