// Service hook subscriptions (hooks 7.1, Subscriptions - Create/List/Get/Delete; service-hooks reference §2) and
// the notification history of each, held by the emulator as the service holds them. Only the Web Hooks consumer
// delivers; other consumers are stored and listed but never called.

export type SubscriptionStatus = 'enabled' | 'onProbation' | 'disabledByUser' | 'disabledBySystem';

export interface HookSubscription {
  id: string;
  publisherId: string;
  eventType: string;
  resourceVersion: string;
  consumerId: string;
  consumerActionId: string;
  publisherInputs: Record<string, string>;
  /** Includes `basicAuthPassword`, which is never sent back (wire/subscription JSON leaves it out). */
  consumerInputs: Record<string, string>;
  status: SubscriptionStatus;
  createdBy: { id: string; displayName: string };
  createdMs: number;
  modifiedMs: number;
}

export interface NotificationAttempt {
  atMs: number;
  /** HTTP status, or 0 when no answer came (connection refused, timeout). */
  status: number;
  error?: string;
}

export interface HookNotification {
  id: number;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  /** `processing` while attempts remain, then `completed`. */
  status: 'processing' | 'completed';
  result: 'pending' | 'succeeded' | 'failed';
  /** The payload sent (the password is in the header, never here). */
  payload: Record<string, unknown>;
  attempts: NotificationAttempt[];
  createdMs: number;
}

/** Subscriptions and their notifications; `reset` empties both (they are not part of a scenario). */
export class HookRegistry {
  readonly subscriptions = new Map<string, HookSubscription>();
  readonly notifications: HookNotification[] = [];
  private nextNotificationId = 1;

  add(subscription: HookSubscription): void {
    this.subscriptions.set(subscription.id, subscription);
  }

  newNotificationId(): number {
    return this.nextNotificationId++;
  }

  notificationsOf(subscriptionId: string): HookNotification[] {
    return this.notifications.filter((notification) => notification.subscriptionId === subscriptionId);
  }

  reset(): void {
    this.subscriptions.clear();
    this.notifications.length = 0;
    this.nextNotificationId = 1;
  }
}

/** Whether a `git.push` subscription wants a push to this repository and branch (publisher inputs, §2). */
export function wantsPush(
  subscription: HookSubscription,
  push: { projectId: string; repositoryId: string; refName: string },
): boolean {
  if (subscription.eventType !== 'git.push' || subscription.publisherId !== 'tfs') return false;
  if (subscription.status !== 'enabled' && subscription.status !== 'onProbation') return false;
  const inputs = subscription.publisherInputs;
  const project = (inputs['projectId'] ?? '').toLowerCase();
  if (project !== '' && project !== push.projectId.toLowerCase()) return false;
  const repository = (inputs['repository'] ?? '').toLowerCase();
  if (repository !== '' && repository !== push.repositoryId.toLowerCase()) return false;
  // `branch` is written both as `main` and `refs/heads/main` in the documentation's examples.
  const branch = (inputs['branch'] ?? '').toLowerCase();
  const ref = push.refName.toLowerCase();
  return branch === '' || branch === ref || `refs/heads/${branch}` === ref;
}
