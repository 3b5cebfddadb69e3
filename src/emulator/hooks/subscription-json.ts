// Subscriptions and notifications as hooks 7.1 returns them; the Basic-auth password is never sent back
// (service-hooks reference §3), and neither is the notification's Authorization header.
import { formatDate } from '../protocol/wire-format.js';
import type { HookNotification, HookSubscription } from './hook-subscriptions.js';

export function subscriptionJson(subscription: HookSubscription, orgUrl: string): Record<string, unknown> {
  const consumerInputs = Object.fromEntries(
    Object.entries(subscription.consumerInputs).filter(([name]) => name !== 'basicAuthPassword'),
  );
  return {
    id: subscription.id,
    url: `${orgUrl}/_apis/hooks/subscriptions/${subscription.id}`,
    status: subscription.status,
    publisherId: subscription.publisherId,
    eventType: subscription.eventType,
    resourceVersion: subscription.resourceVersion,
    eventDescription: describeInputs(subscription.publisherInputs),
    consumerId: subscription.consumerId,
    consumerActionId: subscription.consumerActionId,
    actionDescription: `To host ${hostOf(consumerInputs['url'])}`,
    publisherInputs: subscription.publisherInputs,
    consumerInputs,
    createdBy: subscription.createdBy,
    createdDate: formatDate(subscription.createdMs),
    modifiedBy: subscription.createdBy,
    modifiedDate: formatDate(subscription.modifiedMs),
  };
}

export function notificationJson(notification: HookNotification): Record<string, unknown> {
  const last = notification.attempts.at(-1);
  return {
    id: notification.id,
    subscriptionId: notification.subscriptionId,
    eventId: notification.eventId,
    eventType: notification.eventType,
    status: notification.status,
    result: notification.result,
    createdDate: formatDate(notification.createdMs),
    modifiedDate: formatDate(last?.atMs ?? notification.createdMs),
    details: {
      event: notification.payload,
      request: 'POST (headers withheld)',
      response: last === undefined ? null : `HTTP ${last.status}`,
      errorMessage:
        last?.error ?? (last && (last.status < 200 || last.status > 299) ? `HTTP ${last.status}` : null),
      attempts: notification.attempts.length,
    },
  };
}

function describeInputs(inputs: Record<string, string>): string {
  const branch = inputs['branch'] ? `branch ${inputs['branch']}` : 'any branch';
  return `Repository ${inputs['repository'] || 'any'}, ${branch}`;
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return '';
  }
}
