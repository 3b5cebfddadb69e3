// Validates a service hook delivery at the boundary: a `git.push` (Web Hooks consumer, resourceVersion 1.0,
// service-hooks reference §1) becomes the branch updates it carries; another well-formed event is "ignored"; anything
// else is garbage (400). Only the fields the work needs are read; the rest of the payload is not trusted or kept.

export class BadDeliveryError extends Error {
  override readonly name = 'BadDeliveryError';
}

/** One branch a push moved. */
export interface BranchUpdate {
  /** Full ref, `refs/heads/main`. */
  readonly refName: string;
  readonly newObjectId: string;
}

export interface PushDelivery {
  readonly kind: 'push';
  /** Redeliveries repeat it: subscription and notification, or the event id when they are absent. */
  readonly deliveryKey: string;
  readonly notificationId?: number;
  readonly project: { readonly id: string; readonly name: string };
  readonly repository: { readonly id: string; readonly name: string };
  /** Branches that still exist after the push (a deleted branch has no PRs to requeue). */
  readonly branches: readonly BranchUpdate[];
}

export interface OtherDelivery {
  readonly kind: 'other';
  readonly eventType: string;
}

const DELETED = /^0{40}$/;
const SHA = /^[0-9a-f]{40}$/i;

/** Parses the body; throws BadDeliveryError for anything that is not a well-formed service hook event. */
export function parseHookEvent(body: Buffer): PushDelivery | OtherDelivery {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadDeliveryError('the body is not JSON');
  }
  if (!isRecord(value)) throw new BadDeliveryError('the body is not a JSON object');
  const eventType = value['eventType'];
  if (typeof eventType !== 'string' || eventType === '') throw new BadDeliveryError('eventType is missing');
  if (eventType !== 'git.push') return { kind: 'other', eventType };

  const resource = record(value['resource'], 'resource');
  const repository = record(resource['repository'], 'resource.repository');
  const project = record(repository['project'], 'resource.repository.project');
  const refUpdates = resource['refUpdates'];
  if (!Array.isArray(refUpdates)) throw new BadDeliveryError('resource.refUpdates is not a list');
  const branches: BranchUpdate[] = [];
  for (const update of refUpdates) {
    const ref = record(update, 'a refUpdate');
    const refName = text(ref['name'], 'refUpdates[].name');
    const newObjectId = text(ref['newObjectId'], 'refUpdates[].newObjectId');
    if (!SHA.test(newObjectId)) throw new BadDeliveryError('refUpdates[].newObjectId is not a commit id');
    if (refName.startsWith('refs/heads/') && !DELETED.test(newObjectId)) {
      branches.push({ refName, newObjectId: newObjectId.toLowerCase() });
    }
  }
  const notificationId = value['notificationId'];
  return {
    kind: 'push',
    deliveryKey: deliveryKeyOf(value),
    ...(typeof notificationId === 'number' ? { notificationId } : {}),
    project: { id: text(project['id'], 'project.id').toLowerCase(), name: optionalText(project['name']) },
    repository: {
      id: text(repository['id'], 'repository.id').toLowerCase(),
      name: optionalText(repository['name']),
    },
    branches,
  };
}

/** Deduplicate on (subscriptionId, notificationId), or the event id (reference §4: delivery is at least once). */
function deliveryKeyOf(value: Record<string, unknown>): string {
  const subscription = value['subscriptionId'];
  const notification = value['notificationId'];
  if (typeof subscription === 'string' && typeof notification === 'number') {
    return `notification:${subscription.toLowerCase()}/${notification}`;
  }
  const id = value['id'];
  if (typeof id === 'string' && id !== '') return `event:${id.toLowerCase()}`;
  throw new BadDeliveryError('neither subscriptionId with notificationId nor an event id');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new BadDeliveryError(`${what} is missing`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new BadDeliveryError(`${what} is missing`);
  return value;
}

function optionalText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
