// Turns a PolicyEvaluationRecord (policy 7.1-preview.1, reference §4) into a PolicyCheck.
// `context` is free JSON and may be null: every key is optional, and only a JSON `true` means expired.
import { BUILD_POLICY_TYPE_ID, type CheckStatus, type PolicyCheck } from '../requeue/model.js';
import {
  isObject,
  readNumber,
  readObject,
  readString,
  readTrue,
  requireString,
  UnexpectedShapeError,
} from './json-guards.js';

const STATUSES: ReadonlySet<string> = new Set([
  'queued',
  'running',
  'approved',
  'rejected',
  'notApplicable',
  'broken',
]);

export function parsePolicyEvaluation(value: unknown): PolicyCheck {
  if (!isObject(value)) throw new UnexpectedShapeError('policy evaluation is not an object');
  const evaluationId = requireString(value, 'evaluationId', 'policy evaluation');
  const what = `policy evaluation ${evaluationId}`;
  const configuration = readObject(value, 'configuration');
  const type = configuration ? readObject(configuration, 'type') : undefined;
  if (!configuration || !type) throw new UnexpectedShapeError(`${what} has no configuration.type`);
  const policyTypeId = requireString(type, 'id', what).toLowerCase();
  const settings = readObject(configuration, 'settings') ?? {};
  const context = readObject(value, 'context') ?? {};
  const status = readString(value, 'status') ?? '';
  const buildId = readNumber(context, 'buildId');
  const buildDefinitionId =
    readNumber(context, 'buildDefinitionId') ?? readNumber(settings, 'buildDefinitionId');
  const sourceCommit = readString(context, 'lastMergeSourceCommitId');
  const targetCommit = readString(context, 'lastMergeTargetCommitId');
  return {
    evaluationId,
    policyTypeId,
    policyName: readString(settings, 'displayName') ?? readString(type, 'displayName') ?? policyTypeId,
    isBuildPolicy: policyTypeId === BUILD_POLICY_TYPE_ID,
    isBlocking: configuration['isBlocking'] !== false,
    isEnabled: configuration['isEnabled'] !== false,
    manualQueueOnly: readTrue(settings, 'manualQueueOnly'),
    // An unknown status is treated as broken: never as a state that would be requeued blindly.
    status: STATUSES.has(status) ? (status as CheckStatus) : 'broken',
    isExpired: readTrue(context, 'isExpired'),
    ...(buildId === undefined ? {} : { buildId }),
    ...(buildDefinitionId === undefined ? {} : { buildDefinitionId }),
    ...(sourceCommit ? { lastMergeSourceCommit: sourceCommit } : {}),
    ...(targetCommit ? { lastMergeTargetCommit: targetCommit } : {}),
  };
}
