// The default command: credentials → connection → runRequeue → report → exit code.
import { join } from 'node:path';

import {
  authorizationOf,
  connectAzureDevOps,
  formatJsonReportLines,
  formatMarkdownSummary,
  formatTextReportLines,
  parseOrganizationUrl,
  progressLines,
  type RequeueResult,
  runRequeue,
  sanitizeUntrustedText,
} from '../index.js';
import {
  commandLinePublisher,
  logIssueCommand,
  publishToPipeline,
  reportProgressTo,
  scopeToCiPush,
} from '../azure-pipelines/index.js';
import { authHintsForCodes } from './auth-hints.js';
import { checkSummaryFileWritable } from './check-summary-file.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { noticeLoopbackHttp, resolveCliCredential } from './resolve-cli-credential.js';
import { UsageError, type CliOptions } from './parse-args.js';

export async function runRequeueCommand(options: CliOptions, io: CliIo): Promise<number> {
  const inPipeline = io.env['TF_BUILD']?.toLowerCase() === 'true';
  if (!options.organization) {
    throw new UsageError('no organization: pass --org URL (in a pipeline, SYSTEM_COLLECTIONURI is used)');
  }
  const organization = parseOrganizationUrl(options.organization);
  if (options.summaryFile) await checkSummaryFileWritable(options.summaryFile);
  // The --timeout budget starts now, so the time spent getting a credential (Entra, az) counts too.
  const timeoutSignal =
    options.timeoutSeconds === undefined ? undefined : AbortSignal.timeout(options.timeoutSeconds * 1000);
  const { credential, warnings } = await resolveCliCredential(options, organization, io);
  const warn = (message: string): void =>
    inPipeline
      ? io.writeStderr(`${logIssueCommand('warning', message)}\n`)
      : io.writeStderr(`azdo-requeue: warning: ${message}\n`);
  warnings.forEach(warn);
  noticeLoopbackHttp(organization, io);

  const connection = connectAzureDevOps({
    organization,
    ...authorizationOf(credential),
    clock: io.clock,
    userAgent: `azdo-requeue/${io.version}`,
    concurrency: options.concurrency,
    apiVersion: options.apiVersion,
    redact: (text) => io.secrets.redact(text),
    ...(options.debug
      ? { logger: { debug: (line: string) => io.writeStderr(`azdo-requeue: debug: ${line}\n`) } }
      : {}),
    signal: timeoutSignal ? AbortSignal.any([timeoutSignal, io.abortSignal]) : io.abortSignal,
    stopSignal: io.stopSignal,
  });
  // Logging commands go to stderr, which the agent scans as it does stdout (decision 0011): stdout holds the report
  // alone, so `--output json > report.json` is one JSON document in a pipeline too.
  const publisher = commandLinePublisher((line) => io.writeStderr(`${line}\n`), io.writeFile);
  // A CI run (a push) can only have expired the checks of PRs into the pushed branch of the pushed repository.
  const scope = inPipeline
    ? scopeToCiPush({ repositories: options.repositories, targetBranches: options.targetBranches }, io.env)
    : { repositories: options.repositories, targetBranches: options.targetBranches };
  if (scope.note) io.writeStderr(`azdo-requeue: ${scope.note}\n`);
  // The overall --timeout stops new work like a signal does, so the report still covers every check.
  const stopSignal = timeoutSignal ? AbortSignal.any([io.stopSignal, timeoutSignal]) : io.stopSignal;
  const timedOut = (): boolean => timeoutSignal?.aborted === true && io.stopExitCode() === undefined;
  const sayTimedOut = (): void =>
    io.writeStderr(
      `azdo-requeue: the run did not finish within --timeout ${options.timeoutSeconds ?? 0} s: requests in flight were abandoned and nothing new was started\n`,
    );
  const result = await runRequeue(
    {
      organization: organization.url,
      scope: {
        projects: options.projects,
        allProjects: options.allProjects,
        repositories: scope.repositories,
      },
      targetBranches: scope.targetBranches,
      rules: options,
      ...(options.maxRequeues === undefined ? {} : { maxRequeues: options.maxRequeues }),
      ...(options.maxBuildsInFlight === undefined ? {} : { maxBuildsInFlight: options.maxBuildsInFlight }),
      dryRun: options.dryRun,
      concurrency: options.concurrency,
      stopSignal,
      // The agent's progress bar in a pipeline; elsewhere a line on stderr now and then once a run takes a while.
      onProgress: inPipeline
        ? reportProgressTo(publisher)
        : progressLines(
            (line) => io.writeStderr(`azdo-requeue: ${line}\n`),
            () => io.clock.now(),
            { dryRun: options.dryRun },
          ),
    },
    connection.api,
  ).catch((error: unknown) => {
    if (timedOut()) sayTimedOut();
    throw error;
  });
  const lines = options.output === 'json' ? formatJsonReportLines(result) : formatTextReportLines(result);
  for (const line of lines) io.writeStdout(line);
  if (timedOut()) sayTimedOut();
  if (inPipeline) {
    await publishToPipeline(result, publisher, {
      tempDirectory: io.env['AGENT_TEMPDIRECTORY'],
      redact: (text) => io.secrets.redact(text),
      // A folder per run: the agent titles the summary tab after the file's name (as the task does).
      fileName: join(`azdo-requeue-${io.clock.now()}`, 'azdo-requeue.md'),
    });
  }
  const summaryWritten = options.summaryFile ? await writeSummaryFile(options.summaryFile, result, io) : true;
  // A listing that failed is in the report; its call and cause go to stderr too, as when it ended a run.
  const listingFailures = (result.listingFailures ?? []).filter((f) => f.errorCode !== 'not-reached');
  for (const failure of listingFailures) {
    io.writeStderr(`azdo-requeue: ${sanitizeUntrustedText(failure.reason)}
`);
  }
  // A refused requeue is a failed check in the report; the fix for it goes to stderr once per code.
  const failedCodes = [
    ...listingFailures.map((failure) => failure.errorCode),
    ...result.pullRequests.flatMap((pr) => pr.checks.flatMap((check) => check.errorCode ?? [])),
  ];
  for (const hint of authHintsForCodes(failedCodes)) io.writeStderr(`azdo-requeue: ${hint}\n`);
  const code = exitCodeOf(result, io, timedOut());
  // The run itself is reported either way; a summary that could not be written is a configuration error.
  return code === EXIT.ok && !summaryWritten ? EXIT.usage : code;
}

async function writeSummaryFile(path: string, result: RequeueResult, io: CliIo): Promise<boolean> {
  try {
    await io.writeFile(path, formatMarkdownSummary(result, { redact: (text) => io.secrets.redact(text) }));
    return true;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    io.writeStderr(`azdo-requeue: could not write --summary-file ${path}: ${why}\n`);
    return false;
  }
}

/** An interruption wins (the report says what failed before it); a run cut short by --timeout is a failure. */
function exitCodeOf(result: RequeueResult, io: CliIo, timedOut: boolean): number {
  const stopCode = io.stopExitCode();
  if (stopCode !== undefined) return stopCode;
  if (result.authFailure) return EXIT.auth;
  if (result.summary.failed > 0 || timedOut) return EXIT.requeueFailed;
  return EXIT.ok;
}
