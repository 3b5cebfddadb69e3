// The Markdown run summary (the run's "azdo-requeue" tab via task.uploadsummary, or --summary-file): counts first,
// what the skips saved, then one row per build check grouped by pull request (linked to its web page), requeued
// pull requests first, then failures, then skips. Server text is untrusted: every cell is neutralised (checklist B9).
import type {
  BuildsAvoided,
  CheckAction,
  CheckVerdict,
  PullRequestVerdict,
  RequeueResult,
} from '../requeue/model.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { describeListingFailure, LISTING_FAILURES_HEADING } from './describe-listing-failure.js';
import { shortRef } from './short-ref.js';

// Requeued first (what the run did), then failures (what needs a person), then skips (context).
const ORDER: Record<CheckAction, number> = { requeued: 0, 'would-requeue': 0, failed: 1, skipped: 2 };

const VERDICT: Record<CheckAction, string> = {
  requeued: 'requeued',
  'would-requeue': 'would requeue',
  failed: '**failed**',
  skipped: 'skipped',
};

/** Beyond this many rows the table is cut, so a huge organization still gets a summary the UI can render. */
const MAX_ROWS = 500;

export interface MarkdownOptions {
  /**
   * The run's secret redactor. Applied to each untrusted text before it is escaped: escaping first would turn a
   * secret's `a_b` into `a\_b`, which no redactor recognises afterwards (decision 0004).
   */
  readonly redact?: (text: string) => string;
}

export function formatMarkdownSummary(result: RequeueResult, options: MarkdownOptions = {}): string {
  const cells = markdownCells(options.redact ?? ((text) => text));
  const s = result.summary;
  const acted = result.dryRun ? 'would requeue' : 'requeued';
  const lines = [
    `## azdo-requeue${result.dryRun ? ' (dry run: nothing was requeued)' : ''}`,
    '',
    `| pull requests | build checks | ${acted} | skipped | failed |`,
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${s.pullRequests} | ${s.checks} | ${result.dryRun ? s.wouldRequeue : s.requeued} | ${s.skipped} | ${s.failed} |`,
    '',
  ];
  if ((s.retried ?? 0) > 0) lines.push(`${s.retried} of them retried failed builds on newer commits.`, '');
  lines.push(...describeBuildsAvoided(s.buildsAvoided), ...formatCapacity(result, cells));
  const failures = result.listingFailures ?? [];
  if (failures.length > 0) {
    lines.push(
      LISTING_FAILURES_HEADING,
      '',
      ...failures.map((f) => `- ${cells.cell(describeListingFailure(f))}`),
      '',
    );
  }
  if (result.interrupted)
    lines.push('> The run was interrupted: what it did not reach is listed as skipped.', '');
  const rows = [...result.pullRequests]
    .sort((a, b) => weight(a) - weight(b))
    .flatMap((v) => formatRows(v, result, cells));
  if (rows.length === 0) {
    lines.push('No active pull requests in scope.');
  } else {
    lines.push(
      '| pull request | repository → target | check | verdict | reason |',
      '| --- | --- | --- | --- | --- |',
    );
    lines.push(...rows.slice(0, MAX_ROWS));
    if (rows.length > MAX_ROWS)
      lines.push('', `… ${rows.length - MAX_ROWS} more rows; the JSON report has them all.`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The builds the run did not start, by cause (computed by the domain): the wasted builds a skip saved, then the
 * ones only postponed to a later run.
 */
function describeBuildsAvoided(avoided: BuildsAvoided | undefined): string[] {
  if (avoided === undefined) return [];
  const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  const saved = [
    avoided.drafts > 0 ? plural(avoided.drafts, 'draft pull request', 'draft pull requests') : '',
    avoided.conflicts > 0 ? `${avoided.conflicts} with merge conflicts` : '',
    avoided.inProgress > 0
      ? `${plural(avoided.inProgress, 'check whose build is', 'checks whose builds are')} already queued or running`
      : '',
    avoided.sameCommits > 0
      ? `${plural(avoided.sameCommits, 'failed check', 'failed checks')} on unchanged commits`
      : '',
  ].filter((part) => part !== '');
  const postponed = [
    avoided.budget > 0 ? `${avoided.budget} over the requeue limit` : '',
    avoided.deferred > 0 ? `${avoided.deferred} waiting for build capacity` : '',
  ].filter((part) => part !== '');
  const lines: string[] = [];
  if (saved.length > 0)
    lines.push(`Builds not started because they could not help: ${saved.join(', ')}.`, '');
  if (postponed.length > 0) lines.push(`Left for the next run: ${postponed.join(', ')}.`, '');
  return lines;
}

/** How the per-pipeline build capacity (maxBuildsInFlight) was spent. */
function formatCapacity(result: RequeueResult, { cell }: MarkdownCells): string[] {
  if (result.capacity === undefined || result.capacity.length === 0) return [];
  const started = result.dryRun ? 'would start' : 'started';
  return [
    `| project | pipeline definition | in flight | ${started} | deferred | limit |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.capacity.map((usage) => {
      const definition = usage.definitionId === undefined ? 'unknown' : String(usage.definitionId);
      const inFlight = usage.error === undefined ? String(usage.inFlight) : `not read: ${cell(usage.error)}`;
      return `| ${cell(usage.projectName)} | ${definition} | ${inFlight} | ${usage.planned} | ${usage.deferred} | ${usage.limit} |`;
    }),
    '',
  ];
}

function weight(verdict: PullRequestVerdict): number {
  if (verdict.error !== undefined) return ORDER.failed;
  return Math.min(3, ...verdict.checks.map((check) => ORDER[check.action]));
}

function formatRows(verdict: PullRequestVerdict, result: RequeueResult, cells: MarkdownCells): string[] {
  const { cell, link } = cells;
  const pr = verdict.pullRequest;
  const head = `${link(`!${pr.id} ${pr.title}`, pr.webUrl)} | ${cell(pr.repository.name)} → ${cell(shortRef(pr.targetBranch))}`;
  if (verdict.error !== undefined) return [`| ${head} | — | ${VERDICT.failed} | ${cell(verdict.error)} |`];
  if (verdict.checks.length === 0) {
    const reason = verdict.reason === undefined ? 'no build checks' : cell(verdict.reason);
    return [`| ${head} | — | ${verdict.reason === undefined ? 'nothing to do' : 'skipped'} | ${reason} |`];
  }
  const checks = [...verdict.checks].sort((a, b) => ORDER[a.action] - ORDER[b.action]);
  return checks.map((check, index) => {
    const first = index === 0 ? head : ' | ';
    return `| ${first} | ${cell(check.check.policyName)} | ${formatVerdict(check, pr.project.id, result, cells)} | ${cell(check.reason)} |`;
  });
}

function formatVerdict(
  check: CheckVerdict,
  projectId: string,
  result: RequeueResult,
  { cell, link }: MarkdownCells,
): string {
  if (check.newBuildId === undefined) {
    const code = check.errorCode === undefined ? '' : ` (${cell(check.errorCode)})`;
    return `${VERDICT[check.action]}${code}`;
  }
  // The build results page (reference §9 step 5): {org}/{projectId}/_build/results?buildId={id}.
  const organization = result.organization.replace(/\/+$/, '');
  const url = `${organization}/${encodeURIComponent(projectId)}/_build/results?buildId=${check.newBuildId}`;
  return `${VERDICT[check.action]}: ${link(`build ${check.newBuildId}`, url)}`;
}

interface MarkdownCells {
  /** Untrusted text inside a table cell: no pipe, no newline, no logging command, no markup injection. */
  readonly cell: (text: string) => string;
  /** A link only to http(s) URLs, with the characters that would end the Markdown link target percent-encoded. */
  readonly link: (text: string, url: string) => string;
}

/** Cell and link formatters that mask secrets first, then neutralise and escape. */
function markdownCells(redact: (text: string) => string): MarkdownCells {
  const cell = (text: string): string =>
    sanitizeUntrustedText(redact(text))
      .replace(/\|/g, '\\|')
      .replace(/[[\]<>`*_]/g, (c) => `\\${c}`)
      .replace(/\s+/g, ' ');
  const link = (text: string, url: string): string => {
    if (!/^https?:\/\//i.test(url)) return cell(text);
    const target = redact(url).replace(
      /[\s()<>|[\]`]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
    return `[${cell(text)}](${target})`;
  };
  return { cell, link };
}
