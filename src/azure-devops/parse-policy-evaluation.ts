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

/**
 * `share` returns one copy of a repeating value (docs: shared-values.ts); every PR has the same few policies, so
 * their type ids and names, the statuses and the commits repeat across thousands of checks.
 */
export function parsePolicyEvaluation(
  value: unknown,
  share: (value: string) => string = (same) => same,
): PolicyCheck {
  if (!isObject(value)) throw new UnexpectedShapeError('policy evaluation is not an object');
  const evaluationId = requireString(value, 'evaluationId', 'policy evaluation');
  const what = `policy evaluation ${evaluationId}`;
  const configuration = readObject(value, 'configuration');
  const type = configuration ? readObject(configuration, 'type') : undefined;
  if (!configuration || !type) throw new UnexpectedShapeError(`${what} has no configuration.type`);
  const policyTypeId = share(requireString(type, 'id', what).toLowerCase());
  const settings = readObject(configuration, 'settings') ?? {};
  const context = readObject(value, 'context') ?? {};
  const status = readString(value, 'status') ?? '';
  const buildId = readNumber(context, 'buildId');
  const buildDefinitionId =
    readNumber(context, 'buildDefinitionId') ?? readNumber(settings, 'buildDefinitionId');
  const sourceCommit = shareIfPresent(readString(context, 'lastMergeSourceCommitId'), share);
  const targetCommit = shareIfPresent(readString(context, 'lastMergeTargetCommitId'), share);
  const buildStartedAt = readString(context, 'buildStartedUtc');
  const buildFinished =
    buildId === undefined
      ? undefined
      : hasFinished(readString(value, 'startedDate'), readString(value, 'completedDate'));
  return {
    evaluationId,
    policyTypeId,
    policyName: share(readString(settings, 'displayName') ?? readString(type, 'displayName') ?? policyTypeId),
    isBuildPolicy: policyTypeId === BUILD_POLICY_TYPE_ID,
    isBlocking: configuration['isBlocking'] !== false,
    isEnabled: configuration['isEnabled'] !== false,
    ...(readTrue(configuration, 'isDeleted') ? { isDeleted: true } : {}),
    manualQueueOnly: readTrue(settings, 'manualQueueOnly'),
    // An unknown status is treated as broken: never as a state that would be requeued blindly.
    status: STATUSES.has(status) ? (share(status) as CheckStatus) : 'broken',
    isExpired: readTrue(context, 'isExpired'),
    ...(buildId === undefined ? {} : { buildId }),
    ...(buildDefinitionId === undefined ? {} : { buildDefinitionId }),
    ...(sourceCommit ? { lastMergeSourceCommit: sourceCommit } : {}),
    ...(targetCommit ? { lastMergeTargetCommit: targetCommit } : {}),
    ...(buildStartedAt ? { buildStartedAt } : {}),
    ...(buildFinished === undefined ? {} : { buildFinished }),
  };
}

function shareIfPresent(value: string | undefined, share: (value: string) => string): string | undefined {
  return value === undefined ? undefined : share(value);
}

/**
 * An evaluation completes when its build does (`completedDate`, §4). A start with no completion, or a completion
 * older than the latest start (a build requeued since), means the current build has not finished: it may still
 * be queued even when the check reads expired, and a requeue would cancel it. Neither date: cannot tell.
 */
function hasFinished(
  startedDate: string | undefined,
  completedDate: string | undefined,
): boolean | undefined {
  if (completedDate === undefined) return startedDate === undefined ? undefined : false;
  const completed = utcMs(completedDate);
  const started = startedDate === undefined ? undefined : utcMs(startedDate);
  if (completed === undefined || started === undefined) return true;
  return completed >= started;
}

/** Dates without a zone are UTC in these answers (reference §3.5). */
function utcMs(text: string): number | undefined {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : undefined;
}
