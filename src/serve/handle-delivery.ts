// Answers one service hook delivery, quickly and before any work (Azure DevOps waits for it, and retries only
// 408/502/503/504: service-hooks reference §4): validate, deduplicate, check the scope, queue.
import type { BranchWorkQueue } from './branch-work-queue.js';
import type { DeliveryDedupe } from './delivery-dedupe.js';
import { BadDeliveryError, parseHookEvent, type PushDelivery } from './parse-hook-event.js';
import type { DeliveryResult } from './serve-metrics.js';
import type { BranchPush } from './branch-push.js';

export interface DeliveryAnswer {
  readonly status: number;
  readonly result: DeliveryResult;
  readonly detail?: string;
  /** What the log line may say about the delivery (never its headers). */
  readonly fields?: Record<string, unknown>;
}

export interface DeliveryHandlerDeps {
  readonly dedupe: DeliveryDedupe;
  readonly queue: BranchWorkQueue<BranchPush>;
  readonly inScope: (push: PushDelivery, refName: string) => boolean;
  readonly now: () => number;
}

/** Answers an authenticated delivery (create-hook-server.ts checks the Basic auth before reading the body). */
export function handleDelivery(body: Buffer, deps: DeliveryHandlerDeps): DeliveryAnswer {
  let event;
  try {
    event = parseHookEvent(body);
  } catch (error) {
    if (error instanceof BadDeliveryError)
      return { status: 400, result: 'bad_request', detail: error.message };
    throw error;
  }
  // Another event type is well formed, just not ours: 2xx, so the subscription is never put on probation.
  if (event.kind === 'other')
    return { status: 200, result: 'ignored', fields: { eventType: event.eventType } };
  const fields = {
    notificationId: event.notificationId,
    repository: event.repository.name || event.repository.id,
    branches: event.branches.map((branch) => branch.refName),
  };
  if (deps.dedupe.seen(event.deliveryKey)) return { status: 200, result: 'duplicate', fields };
  const receivedAtMs = deps.now();
  const entries = event.branches
    .filter((branch) => deps.inScope(event, branch.refName))
    .map((branch) => ({
      key: `${event.repository.id}/${branch.refName.toLowerCase()}`,
      item: {
        project: event.project,
        repository: event.repository,
        refName: branch.refName,
        newObjectId: branch.newObjectId,
        receivedAtMs,
      },
    }));
  if (entries.length === 0) {
    deps.dedupe.remember(event.deliveryKey);
    return { status: 200, result: 'out_of_scope', fields };
  }
  const submitted = deps.queue.submit(entries);
  if (submitted === 'full') return { status: 503, result: 'overloaded', fields };
  if (submitted === 'closed') return { status: 503, result: 'shutting_down', fields };
  // Remembered only once taken: a delivery refused with 503 must be worked when Azure DevOps retries it.
  deps.dedupe.remember(event.deliveryKey);
  const coalesced = submitted.every((result) => result === 'coalesced');
  return { status: 202, result: coalesced ? 'coalesced' : 'accepted', fields };
}
