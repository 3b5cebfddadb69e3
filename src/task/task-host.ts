// What the task needs from the agent, as one interface: main.ts builds it from azure-pipelines-task-lib, tests
// build it in memory. Keeps run-task.ts free of task-lib and of `process` (STYLE §2 guideline 9).
import type { Clock } from '../index.js';
import type { PipelinePublisher } from '../reporting/pipeline-output.js';
import type { TaskCredentialSource } from './read-task-credential.js';
import type { TaskInputReader } from './read-task-inputs.js';
import type { TaskOutcome } from './task-outcome.js';

export interface TaskHost extends TaskInputReader, TaskCredentialSource {
  /** The environment after task-lib moved INPUT_* and ENDPOINT_AUTH_* into its vault. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** task.logissue, task.setprogress, task.uploadsummary, and writing the summary file. */
  readonly publisher: PipelinePublisher;
  /** A line of the step's log; redacted by the host. */
  log(text: string): void;
  /** task.complete with the result; the message of a failure becomes an error issue. */
  complete(outcome: TaskOutcome): void;
  readonly clock: Clock;
  /** The task's version (task.json), for the User-Agent. */
  readonly version: string;
  /** Aborted when the agent cancels the job: finish in-flight requests, start nothing new, report. */
  readonly stopSignal?: AbortSignal;
}
