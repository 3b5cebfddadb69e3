// The emulator's public API: start it in-process, drive it through `control`, describe scenarios.
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './start-emulator.js';
export { runEmulatorCommand, type EmulatorCommandIo } from './cli.js';
export { generateScenario } from './scenario/generate-scenario.js';
export { DEMO_SCENARIO } from './scenario/demo-scenario.js';
export { loadScenario, type ScenarioInput } from './scenario/load-scenario.js';
export type {
  CheckState,
  Expiration,
  GenerateOptions,
  Scenario,
  ScenarioBranch,
  ScenarioBuilds,
  ScenarioDenial,
  ScenarioIdentity,
  ScenarioPolicy,
  ScenarioProject,
  ScenarioProjectPolicy,
  ScenarioPullRequest,
  ScenarioRepository,
  ScenarioReviewer,
} from './scenario/scenario-types.js';
export type { CompleteBuildsRequest, EmulatorControl, ServerVersionInfo } from './control/control-api.js';
export { SERVER_VERSIONS, type ServerVersion } from './protocol/server-versions.js';
export type { BuildSnapshot, EmulatorState } from './control/state-snapshot.js';
export type { PushRequest, PushResult } from './engine/push-branch.js';
export type {
  FaultSettings,
  RateLimitHeaderSettings,
  RequestFault,
  RequestFaultKind,
  RequestMatch,
  RetryAfterOn200Settings,
  ThrottleSettings,
} from './faults/fault-types.js';
export type { ScenarioPolicyType } from './model/policy-types.js';
export type { EmulatorTokens } from './identity/tokens.js';
export type { RequeueRecord } from './engine/requeue-evaluation.js';
export type { RequestLogEntry, RetryAfterWindow } from './protocol/request-log.js';
