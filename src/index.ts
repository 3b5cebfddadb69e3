// The library API: what the CLI, the Azure Pipelines task and other programs build on. Re-exports only.

export { runRequeue, buildQueries } from './requeue/run-requeue.js';
export type { RequeueOptions } from './requeue/run-requeue.js';
export type { SelectionRules } from './requeue/select-checks.js';
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
  PolicyCheck,
  PullRequest,
  PullRequestVerdict,
  RequeueResult,
  RequeueSummary,
  SkipReason,
} from './requeue/model.js';
export { connectAzureDevOps } from './azure-devops/connect-azure-devops.js';
export type { ConnectOptions, Connection } from './azure-devops/connect-azure-devops.js';
export { parseOrganizationUrl, OrganizationUrlError } from './azure-devops/organization-url.js';
export type { OrganizationUrl } from './azure-devops/organization-url.js';
export { resolveCredential, MISSING_TOKEN_FIX } from './auth/resolve-credential.js';
export type { AuthMode, CredentialSources, ResolvedCredential } from './auth/resolve-credential.js';
export type { Credential, CredentialKind } from './auth/credential.js';
export { CredentialError } from './auth/classify-token.js';
export { buildJsonReport, formatJsonReport } from './reporting/json-report.js';
export type { JsonReport, JsonPullRequest, JsonCheck } from './reporting/json-report.js';
export { formatTextReport } from './reporting/format-text.js';
export { formatMarkdownSummary } from './reporting/format-markdown.js';
export type { Clock } from './util/clock.js';
export { systemClock } from './util/clock.js';
