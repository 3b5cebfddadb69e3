// The human report: one line per pull request with its verdict, one per build check, then the summary.
import type { CheckVerdict, PullRequestVerdict, RequeueResult } from '../requeue/model.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';

const MARK: Record<CheckVerdict['action'], string> = {
  requeued: 'requeued',
  'would-requeue': 'would requeue',
  skipped: 'skipped',
  failed: 'FAILED',
};

export function formatTextReport(result: RequeueResult): string {
  const lines: string[] = [];
  const mode = result.dryRun ? ' (dry run: nothing was requeued)' : '';
  lines.push(`azdo-requeue: ${result.organization}${mode}`);
  for (const verdict of result.pullRequests) lines.push(...formatPullRequest(verdict));
  lines.push('', formatSummary(result));
  if (result.interrupted)
    lines.push('The run was interrupted: pull requests and checks not reached are listed as interrupted.');
  return `${lines.join('\n')}\n`;
}

function formatPullRequest(verdict: PullRequestVerdict): string[] {
  const pr = verdict.pullRequest;
  const clean = sanitizeUntrustedText;
  const where = `${clean(pr.repository.name)}: ${clean(shortRef(pr.sourceBranch))} -> ${clean(shortRef(pr.targetBranch))}`;
  const head = `PR ${pr.id} "${clean(pr.title)}" (${where})`;
  if (verdict.error !== undefined) return [`  ! ${head}: FAILED: ${clean(verdict.error)}`];
  if (verdict.reason !== undefined && verdict.checks.length === 0)
    return [`  - ${head}: skipped: ${clean(verdict.reason)}`];
  if (verdict.checks.length === 0) return [`  - ${head}: no build checks`];
  const rank = verdict.rank === undefined ? '' : ` [#${verdict.rank}: ${clean(verdict.readiness ?? '')}]`;
  return [`  * ${head}${rank}`, ...verdict.checks.map((check) => `      ${formatCheck(check)}`)];
}

function formatCheck(verdict: CheckVerdict): string {
  const build = verdict.newBuildId === undefined ? '' : ` -> build ${verdict.newBuildId}`;
  const code = verdict.errorCode === undefined ? '' : ` [${verdict.errorCode}]`;
  return `${MARK[verdict.action]}: "${sanitizeUntrustedText(verdict.check.policyName)}": ${sanitizeUntrustedText(verdict.reason)}${build}${code}`;
}

export function formatSummary(result: RequeueResult): string {
  const s = result.summary;
  const requeued = result.dryRun ? `${s.wouldRequeue} would be requeued` : `${s.requeued} requeued`;
  return `Summary: ${s.pullRequests} pull requests, ${s.checks} build checks: ${requeued}, ${s.skipped} skipped, ${s.failed} failed.`;
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '');
}
