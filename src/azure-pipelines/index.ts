// What the entry points need to know about the Azure Pipelines host, which is not domain: the pipeline variables
// that narrow a CI run, the logging commands, and the run's issues, progress and summary in the pipeline UI.
export { scopeToCiPush, type PushScope } from './ci-push-scope.js';
export {
  logIssueCommand,
  setProgressCommand,
  setSecretCommand,
  uploadSummaryCommand,
} from './logging-commands.js';
export {
  collectPipelineIssues,
  commandLinePublisher,
  publishToPipeline,
  reportProgressTo,
  type PipelineIssue,
  type PipelinePublisher,
  type PublishOptions,
} from './pipeline-output.js';
