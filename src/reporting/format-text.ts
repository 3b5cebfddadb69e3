// The human report: one line per pull request with its verdict, one per build check, then the summary.
import type { BuildsAvoided, CheckVerdict, PullRequestVerdict, RequeueResult } from '../requeue/model.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { describeListingFailure, LISTING_FAILURES_HEADING } from './describe-listing-failure.js';
import { shortRef } from './short-ref.js';

const MARK: Record<CheckVerdict['action'], string> = {
  requeued: 'requeued',
  'would-requeue': 'would requeue',
  skipped: 'skipped',
  failed: 'FAILED',
};

export function formatTextReport(result: RequeueResult): string {
  return [...formatTextReportLines(result)].join('');
}

/** The report line by line (each ending in a newline), so a large one is never built as one string. */
export function* formatTextReportLines(result: RequeueResult): Generator<string> {
  const mode = result.dryRun ? ' (dry run: nothing was requeued)' : '';
  yield `azdo-requeue: ${result.organization}${mode}\n`;
  for (const verdict of result.pullRequests) yield `${formatPullRequest(verdict).join('\n')}\n`;
  const tail = [
    '',
    formatSummary(result),
    formatBuildsAvoided(result.summary.buildsAvoided),
    ...formatCapacity(result),
    ...formatListingFailures(result),
  ];
  if (result.interrupted)
    tail.push('The run was interrupted: pull requests and checks not reached are listed as interrupted.');
  yield `${tail.join('\n')}\n`;
}

function formatListingFailures(result: RequeueResult): string[] {
  const failures = result.listingFailures ?? [];
  if (failures.length === 0) return [];
  const line = (failure: (typeof failures)[number]): string =>
    `  ! ${sanitizeUntrustedText(describeListingFailure(failure))}`;
  return [LISTING_FAILURES_HEADING, ...failures.map(line)];
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
  const retried = s.retried ? ` (${s.retried} of them retries of failed builds)` : '';
  return `Summary: ${s.pullRequests} pull requests, ${s.checks} build checks: ${requeued}${retried}, ${s.skipped} skipped, ${s.failed} failed.`;
}

/** The wasted builds the run avoided (or postponed), by cause; causes that did not occur are left out. */
export function formatBuildsAvoided(avoided: BuildsAvoided | undefined): string {
  const parts = [
    [avoided?.inProgress, 'already queued or running (a requeue would cancel them)'],
    [avoided?.deferred, 'deferred for capacity (--max-builds-in-flight; the next run takes them)'],
    [avoided?.budget, 'over budget (--max-requeues)'],
    [avoided?.sameCommits, 'failed on the current commits (a retry would build the same code)'],
    [avoided?.drafts, 'draft pull request(s)'],
    [avoided?.conflicts, 'pull request(s) with merge conflicts'],
  ] as const;
  const said = parts.filter(([count]) => (count ?? 0) > 0).map(([count, what]) => `${count} ${what}`);
  return `Builds not started: ${said.length > 0 ? said.join('; ') : 'none'}.`;
}

function formatCapacity(result: RequeueResult): string[] {
  if (result.capacity === undefined || result.capacity.length === 0) return [];
  const limit = result.capacity[0]?.limit ?? 0;
  const started = result.dryRun ? 'would start' : 'started';
  return [
    `Capacity (--max-builds-in-flight ${limit} per pipeline definition):`,
    ...result.capacity.map((usage) => {
      const definition =
        usage.definitionId === undefined ? 'unknown definition' : `definition ${usage.definitionId}`;
      const error =
        usage.error === undefined
          ? ''
          : ` (builds in flight not read: ${sanitizeUntrustedText(usage.error)})`;
      return `  ${sanitizeUntrustedText(usage.projectName)} ${definition}: ${usage.inFlight} in flight, ${usage.planned} ${started}, ${usage.deferred} deferred${error}`;
    }),
  ];
}
