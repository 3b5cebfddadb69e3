// The library API: what the CLI, the Azure Pipelines task and other programs build on. Re-exports only. The entry
// points (cli/, task/, serve/) import the library through this file and src/azure-pipelines/ only, never by deep
// paths (eslint.config.js), so what they rely on is visible here.

export { runRequeue, buildQueries } from './requeue/run-requeue.js';
export type { RequeueOptions } from './requeue/run-requeue.js';
export type { SelectionRules } from './requeue/select-checks.js';
export { branchPatternProblem } from './requeue/target-branch-pattern.js';
export { ApiFailure, CheckNoLongerApplicableError } from './requeue/checks-api.js';
export type {
  ChecksApi,
  PullRequestQuery,
  ScopeRequest,
  ResolvedScope,
  RequeueOutcome,
} from './requeue/checks-api.js';
export { BUILD_POLICY_TYPE_ID } from './requeue/model.js';
export type {
  BuildsAvoided,
  CapacityUsage,
  RequeueTrigger,
  CheckAction,
  CheckVerdict,
  ListingFailure,
  PolicyCheck,
  PullRequest,
  PullRequestVerdict,
  RequeueResult,
  RequeueSummary,
  SkipReason,
} from './requeue/model.js';
export { connectAzureDevOps } from './azure-devops/connect-azure-devops.js';
export type { ConnectOptions, Connection } from './azure-devops/connect-azure-devops.js';
export { connectHookSubscriptions } from './azure-devops/connect-hook-subscriptions.js';
export type { HookConnection } from './azure-devops/connect-hook-subscriptions.js';
export type {
  HookSubscriptionsApi,
  PushHookSubscription,
  PushHookTarget,
} from './azure-devops/hook-subscriptions-api.js';
export {
  parseOrganizationUrl,
  OrganizationUrlError,
  refuseEntraOnServer,
} from './azure-devops/organization-url.js';
export { parseApiVersionMode } from './azure-devops/negotiate-api-versions.js';
export { readApiVersionSetting } from './azure-devops/read-api-version-setting.js';
export type { ApiVersionMode } from './azure-devops/negotiate-api-versions.js';
export type { OrganizationUrl } from './azure-devops/organization-url.js';
export { AUTH_MODES, resolveCredential, MISSING_TOKEN_FIX } from './auth/resolve-credential.js';
export type { AuthMode, CredentialSources } from './auth/resolve-credential.js';
export { authorizationOf } from './auth/credential.js';
export type { Credential, CredentialKind, ResolvedCredential } from './auth/credential.js';
export type { EntraDependencies } from './auth/entra-credential.js';
export { createSecretRegistrar } from './auth/secret-registrar.js';
export { describeTokenLifetime, minutesUntil } from './auth/token-lifetime.js';
export { CredentialError } from './auth/classify-token.js';
export { buildJsonReport, formatJsonReport, formatJsonReportLines } from './reporting/json-report.js';
export type { JsonReport, JsonPullRequest, JsonCheck } from './reporting/json-report.js';
export { formatTextReport, formatTextReportLines } from './reporting/format-text.js';
export { formatMarkdownSummary } from './reporting/format-markdown.js';
export { describeListingFailure } from './reporting/describe-listing-failure.js';
export { progressLines } from './reporting/progress-lines.js';
export type { ProgressLineOptions, ProgressListener } from './reporting/progress-lines.js';
export { createRedactingWriter, createSecretRegistry, sanitizeUntrustedText } from './redaction/index.js';
export type { SecretRegistry } from './redaction/index.js';
export { runDoctor, reportCredentialFailure } from './doctor/run-doctor.js';
export type { DoctorInput } from './doctor/run-doctor.js';
export { createHttpDoctorApi } from './azure-devops/http-doctor-api.js';
export type { HttpDoctorApiOptions } from './azure-devops/http-doctor-api.js';
export { formatDoctorJson, formatDoctorText } from './doctor/format-doctor-report.js';
export type { DoctorCredential, DoctorReport } from './doctor/doctor-model.js';
export type { Clock } from './util/clock.js';
export { systemClock } from './util/clock.js';
export { definedProps } from './util/defined-props.js';
