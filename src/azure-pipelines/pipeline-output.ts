// Publishes a run's result to Azure Pipelines: an issue for every failure and for every skip someone must act on,
// progress while scanning, and the Markdown summary written to the agent's temp directory and attached to the run.
// Shared by the task and by the CLI under TF_BUILD=True, so both look the same in the pipeline UI.
import { join } from 'node:path';

import type { RequeueResult } from '../requeue/model.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { describeListingFailure } from '../reporting/describe-listing-failure.js';
import { formatMarkdownSummary } from '../reporting/format-markdown.js';
import type { ProgressListener } from '../reporting/progress-lines.js';
import { logIssueCommand, setProgressCommand, uploadSummaryCommand } from './logging-commands.js';

export interface PipelineIssue {
  readonly type: 'warning' | 'error';
  readonly message: string;
}

/** Where the output goes: task-lib's own functions in the task, logging-command lines from the CLI. */
export interface PipelinePublisher {
  logIssue(issue: PipelineIssue): void;
  setProgress(percent: number, label: string): void;
  uploadSummary(path: string): void;
  /** Writes the file; creates its folder when `PublishOptions.fileName` has one. */
  writeFile(path: string, content: string): Promise<void>;
}

/** The agent shows only so many issues per step; the rest are in the summary. */
const MAX_ISSUES_PER_TYPE = 20;

/**
 * Errors for pull request listings that failed, failed requeues and unreadable pull requests; warnings for skips
 * that need action (the requeue limit was reached, build capacity could not be read, the run was interrupted).
 * Drafts, conflicts, manual-only, running builds and checks deferred for capacity are normal: no issue.
 * `redact` masks each message before it is neutralised and escaped: task-lib turns `%` into `%AZP25`, after which a
 * secret's URL-encoded form is no longer recognisable (decision 0004).
 */
export function collectPipelineIssues(
  result: RequeueResult,
  redact: (text: string) => string = (text) => text,
): PipelineIssue[] {
  // A listing that failed hides every pull request it would have listed: the broadest failure comes first.
  const errors = (result.listingFailures ?? [])
    .filter((failure) => failure.errorCode !== 'not-reached')
    .map((failure) => `could not list the pull requests of ${describeListingFailure(failure)}`);
  let overBudget = 0;
  let interrupted = 0;
  for (const verdict of result.pullRequests) {
    const pr = verdict.pullRequest;
    const where = `PR ${pr.id} (${pr.repository.name})`;
    if (verdict.error !== undefined) errors.push(`${where}: could not read its checks: ${verdict.error}`);
    for (const check of verdict.checks) {
      const code = check.errorCode === undefined ? '' : ` [${check.errorCode}]`;
      if (check.action === 'failed')
        errors.push(`${where} "${check.check.policyName}": requeue failed: ${check.reason}${code}`);
      if (check.skipReason === 'budget') overBudget += 1;
      if (check.skipReason === 'interrupted') interrupted += 1;
    }
  }
  const error = (message: string): PipelineIssue => issue('error', message, redact);
  const warning = (message: string): PipelineIssue => issue('warning', message, redact);
  const issues: PipelineIssue[] = errors.slice(0, MAX_ISSUES_PER_TYPE).map((message) => error(message));
  if (errors.length > MAX_ISSUES_PER_TYPE)
    issues.push(error(`${errors.length - MAX_ISSUES_PER_TYPE} more failures: see the azdo-requeue summary`));
  if (overBudget > 0)
    issues.push(
      warning(
        `${overBudget} expired build check${overBudget === 1 ? ' was' : 's were'} not requeued because the requeue ` +
          'limit (maxRequeues / --max-requeues) was reached; the next run picks them up, or raise the limit',
      ),
    );
  for (const usage of result.capacity ?? []) {
    if (usage.error === undefined) continue;
    issues.push(
      warning(
        `the builds in flight of project ${usage.projectName} could not be read (${usage.error}); ` +
          `${usage.deferred} expired check(s) were left for the next run`,
      ),
    );
  }
  if (result.interrupted || interrupted > 0)
    issues.push(
      warning(
        interrupted > 0
          ? `the run was interrupted: ${interrupted} expired check(s) were selected but not requeued`
          : 'the run was interrupted before every pull request was read',
      ),
    );
  return issues;
}

export interface PublishOptions {
  /** `AGENT_TEMPDIRECTORY`; without it there is nowhere to write the summary and it is not uploaded. */
  readonly tempDirectory: string | undefined;
  /**
   * Relative to the temp directory; unique per run, so two steps in one job do not overwrite each other's summary.
   * The agent titles the summary section after the file's name.
   */
  readonly fileName: string;
  /** The run's secret redactor, applied to the summary's texts before Markdown escapes them. */
  readonly redact?: (text: string) => string;
}

/** Logs the issues, then writes and uploads the summary; returns the summary's path when one was uploaded. */
export async function publishToPipeline(
  result: RequeueResult,
  publisher: PipelinePublisher,
  options: PublishOptions,
): Promise<string | undefined> {
  for (const issue of collectPipelineIssues(result, options.redact)) publisher.logIssue(issue);
  if (options.tempDirectory === undefined || options.tempDirectory === '') return undefined;
  const path = join(options.tempDirectory, options.fileName);
  await publisher.writeFile(
    path,
    formatMarkdownSummary(result, options.redact ? { redact: options.redact } : {}),
  );
  publisher.uploadSummary(path);
  return path;
}

/** `task.setprogress` every `stepPercent` while reading checks, and once when requeuing starts. */
export function reportProgressTo(
  publisher: Pick<PipelinePublisher, 'setProgress'>,
  stepPercent = 5,
): ProgressListener {
  let lastPercent = -stepPercent;
  return ({ phase, done, total }) => {
    if (phase === 'requeuing') {
      if (done === 0 && total > 0) publisher.setProgress(100, `Requeuing ${total} expired build checks`);
      return;
    }
    if (total === 0) return;
    const percent = Math.floor((done / total) * 100);
    if (percent < lastPercent + stepPercent) return;
    lastPercent = percent;
    publisher.setProgress(percent, 'Reading pull request checks');
  };
}

/** A publisher that writes logging-command lines built by task-lib's TaskCommand: what the CLI uses. */
export function commandLinePublisher(
  writeLine: (line: string) => void,
  writeFile: (path: string, content: string) => Promise<void>,
): PipelinePublisher {
  return {
    logIssue: (issue) => writeLine(logIssueCommand(issue.type, issue.message)),
    setProgress: (percent, label) => writeLine(setProgressCommand(percent, label)),
    uploadSummary: (path) => writeLine(uploadSummaryCommand(path)),
    writeFile,
  };
}

function issue(
  type: PipelineIssue['type'],
  message: string,
  redact: (text: string) => string,
): PipelineIssue {
  return { type, message: sanitizeUntrustedText(redact(message)) };
}
