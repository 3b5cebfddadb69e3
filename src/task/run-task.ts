// The task's run, the second composition root beside the CLI's run-requeue-command.ts and shaped like it:
// inputs → credential (secrets registered first) → connectAzureDevOps → runRequeue → log, issues, summary → result.
import {
  authorizationOf,
  type Clock,
  connectAzureDevOps,
  type Connection,
  type ConnectOptions,
  definedProps,
  formatTextReport,
  parseOrganizationUrl,
  refuseEntraOnServer,
  runRequeue,
} from '../index.js';
import {
  type PipelinePublisher,
  publishToPipeline,
  reportProgressTo,
  scopeToCiPush,
} from '../azure-pipelines/index.js';
import { readTaskCredential, type TaskCredentialSource } from './read-task-credential.js';
import { readTaskInputs, type TaskInputReader } from './read-task-inputs.js';
import { decideTaskOutcome, describeTaskFailure, type TaskOutcome } from './task-outcome.js';

/**
 * What the task needs from the agent, as one interface: main.ts builds it from azure-pipelines-task-lib
 * (create-task-lib-host.ts), tests build it in memory. Keeps this file free of task-lib and of `process`.
 */
export interface TaskHost extends TaskInputReader, TaskCredentialSource {
  /** The environment after task-lib moved INPUT_* and ENDPOINT_AUTH_* into its vault. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** task.logissue, task.setprogress, task.uploadsummary, and writing the summary file. */
  readonly publisher: PipelinePublisher;
  /** A line of the step's log; redacted by the host. */
  log(text: string): void;
  /** A `task.debug` line (shown when the run has System.Debug); redacted by the host. */
  debug(text: string): void;
  /** Our redactor, over every secret registered so far; the HTTP layer applies it to messages and traces. */
  redact(text: string): string;
  /** task.complete with the result; the message of a failure becomes an error issue. */
  complete(outcome: TaskOutcome): void;
  readonly clock: Clock;
  /** The task's version (task.json), for the User-Agent. */
  readonly version: string;
  /** Aborted when the agent cancels the job: finish in-flight requests, start nothing new, report. */
  readonly stopSignal?: AbortSignal;
}

export type Connect = (options: ConnectOptions) => Connection;

export async function runTask(host: TaskHost, connect: Connect = connectAzureDevOps): Promise<TaskOutcome> {
  const outcome = await runOrDescribeFailure(host, connect);
  host.complete(outcome);
  return outcome;
}

async function runOrDescribeFailure(host: TaskHost, connect: Connect): Promise<TaskOutcome> {
  try {
    // Inputs carry no secret; the credential comes next and registers its forms with the masker before any
    // output could carry them and before the first request (checklist B1).
    const inputs = readTaskInputs(host, host.env);
    const organization = parseOrganizationUrl(inputs.organization);
    if (inputs.authentication === 'entra') refuseEntraOnServer(organization, 'authentication: entra');
    const { credential, warnings } = await readTaskCredential(
      { ...inputs, organizationOrigin: organization.origin },
      host,
      host.env,
    );
    for (const message of warnings) host.publisher.logIssue({ type: 'warning', message });
    const scope = scopeToCiPush(inputs, host.env);
    if (scope.note !== undefined) host.log(scope.note);
    const who =
      credential.kind === 'job-token'
        ? 'the job token (System.AccessToken, from the SystemVssConnection endpoint)'
        : `${credential.kind} (${credential.source})`;
    host.log(`azdo-requeue task ${host.version}: ${organization.url}, authenticating with ${who}`);

    const connection = connect({
      organization,
      ...authorizationOf(credential),
      clock: host.clock,
      userAgent: `azdo-requeue-task/${host.version}`,
      apiVersion: inputs.apiVersion,
      redact: (text) => host.redact(text),
      // With System.Debug on, the HTTP trace (headers allow-listed, query values redacted) goes to task.debug.
      ...definedProps({
        logger:
          host.env['SYSTEM_DEBUG']?.toLowerCase() === 'true'
            ? { debug: (line: string) => host.debug(line) }
            : undefined,
      }),
    });
    const result = await runRequeue(
      {
        organization: organization.url,
        scope: {
          projects: inputs.projects,
          allProjects: inputs.allProjects,
          repositories: scope.repositories,
        },
        targetBranches: scope.targetBranches,
        rules: inputs.rules,
        dryRun: inputs.dryRun,
        ...definedProps({
          maxRequeues: inputs.maxRequeues,
          maxBuildsInFlight: inputs.maxBuildsInFlight,
          stopSignal: host.stopSignal,
        }),
        onProgress: reportProgressTo(host.publisher),
      },
      connection.api,
    );
    host.log(formatTextReport(result));
    await publishToPipeline(result, host.publisher, {
      tempDirectory: host.env['AGENT_TEMPDIRECTORY'],
      redact: (text) => host.redact(text),
      // The agent titles the summary section after the file; the folder keeps two runs in one job apart.
      fileName: `azdo-requeue-${host.clock.now()}/azdo-requeue.md`,
    });
    return decideTaskOutcome(result, (text) => host.redact(text));
  } catch (error) {
    return describeTaskFailure(error);
  }
}
