// The Markdown run summary (Azure Pipelines "Extensions" tab, or --summary-file): counts first, then a table of
// pull requests, requeued ones first, each linked to its web page with every check's verdict and reason.
import type { CheckVerdict, PullRequestVerdict, RequeueResult } from '../requeue/model.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { formatSummary } from './format-text.js';

const ORDER: Record<CheckVerdict['action'], number> = {
  failed: 0,
  requeued: 1,
  'would-requeue': 2,
  skipped: 3,
};

export function formatMarkdownSummary(result: RequeueResult): string {
  const s = result.summary;
  const lines = [
    `## azdo-requeue${result.dryRun ? ' (dry run)' : ''}`,
    '',
    `| pull requests | build checks | ${result.dryRun ? 'would requeue' : 'requeued'} | skipped | failed |`,
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${s.pullRequests} | ${s.checks} | ${result.dryRun ? s.wouldRequeue : s.requeued} | ${s.skipped} | ${s.failed} |`,
    '',
  ];
  if (result.interrupted)
    lines.push('> The run was interrupted; what was not reached is listed as interrupted.', '');
  const rows = [...result.pullRequests].sort((a, b) => weight(a) - weight(b));
  if (rows.length > 0) {
    lines.push('| pull request | repository | target | verdict |', '| --- | --- | --- | --- |');
    for (const verdict of rows) lines.push(formatRow(verdict));
  }
  lines.push('', formatSummary(result));
  return `${lines.join('\n')}\n`;
}

function weight(verdict: PullRequestVerdict): number {
  if (verdict.error !== undefined) return -1;
  return Math.min(4, ...verdict.checks.map((check) => ORDER[check.action]));
}

function formatRow(verdict: PullRequestVerdict): string {
  const pr = verdict.pullRequest;
  const link = `[!${pr.id} ${cell(pr.title)}](${pr.webUrl})`;
  const target = cell(pr.targetBranch.replace(/^refs\/heads\//, ''));
  return `| ${link} | ${cell(pr.repository.name)} | ${target} | ${cell(describeVerdict(verdict))} |`;
}

function describeVerdict(verdict: PullRequestVerdict): string {
  if (verdict.error !== undefined) return `failed: ${verdict.error}`;
  if (verdict.checks.length === 0) return verdict.reason ? `skipped: ${verdict.reason}` : 'no build checks';
  return verdict.checks
    .map((check) => {
      const build = check.newBuildId === undefined ? '' : ` (build ${check.newBuildId})`;
      return `${check.action} ${check.check.policyName}: ${check.reason}${build}`;
    })
    .join('; ');
}

/** Untrusted text inside a table cell: no pipe, no newline, no logging command, no markup injection. */
function cell(text: string): string {
  return sanitizeUntrustedText(text)
    .replace(/\|/g, '\\|')
    .replace(/[[\]<>`]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ');
}
