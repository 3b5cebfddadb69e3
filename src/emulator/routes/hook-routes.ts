// `_apis/hooks/subscriptions` (hooks 7.1: Subscriptions - Create, List, Get, Delete; Notifications - List) at the
// organization level. Creating or deleting needs "Edit subscriptions": the job token's build identity has it not.
import { randomUUID } from 'node:crypto';

import type { HookSubscription } from '../hooks/hook-subscriptions.js';
import { notificationJson, subscriptionJson } from '../hooks/subscription-json.js';
import { ServiceError } from '../protocol/service-errors.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const HOOKS = 'Microsoft.VisualStudio.Services.ServiceHooks.WebApi';

function hooksError(status: number, typeKey: string, message: string): ServiceError {
  return new ServiceError(status, typeKey, `${HOOKS}.${typeKey}, ${HOOKS}`, message);
}

function requireEditSubscriptions(ctx: RouteContext): void {
  if (ctx.caller.identity.kind !== 'build') return;
  throw hooksError(
    403,
    'UnauthorizedRequestException',
    `VS403022: ${ctx.caller.identity.displayName} needs the Edit subscriptions permission (project administrators have it) to perform this action.`,
  );
}

function findSubscription(ctx: RouteContext): HookSubscription {
  const id = (ctx.params.get('subscriptionId') ?? '').toLowerCase();
  const subscription = ctx.runtime.hooks.registry.subscriptions.get(id);
  if (subscription === undefined) {
    throw hooksError(404, 'SubscriptionNotFoundException', `VS403050: Subscription ${id} does not exist.`);
  }
  return subscription;
}

function stringRecord(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name);
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      return [key, `${item}`];
    if (item === undefined || item === null) return [key, ''];
    throw invalid(`${name}.${key}`);
  });
  return Object.fromEntries(entries) as Record<string, string>;
}

function invalid(name: string): ServiceError {
  return hooksError(400, 'ArgumentException', `The value of ${name} is not valid.`);
}

function createSubscription(ctx: RouteContext): RouteResult {
  requireEditSubscriptions(ctx);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(ctx.body.toString('utf8') || 'null') as Record<string, unknown>;
  } catch {
    throw invalid('subscription');
  }
  if (typeof body !== 'object' || body === null) throw invalid('subscription');
  const text = (name: string): string => {
    const value = body[name];
    if (typeof value !== 'string' || value === '') throw invalid(name);
    return value;
  };
  const consumerInputs = stringRecord(body['consumerInputs'], 'consumerInputs');
  if (text('consumerId') === 'webHooks' && !/^https?:\/\//i.test(consumerInputs['url'] ?? '')) {
    throw invalid('consumerInputs.url');
  }
  const subscription: HookSubscription = {
    id: randomUUID(),
    publisherId: text('publisherId'),
    eventType: text('eventType'),
    resourceVersion: typeof body['resourceVersion'] === 'string' ? body['resourceVersion'] : '1.0',
    consumerId: text('consumerId'),
    consumerActionId: text('consumerActionId'),
    publisherInputs: stringRecord(body['publisherInputs'], 'publisherInputs'),
    consumerInputs,
    status: 'enabled',
    createdBy: { id: ctx.caller.identity.id, displayName: ctx.caller.identity.displayName },
    createdMs: ctx.nowMs,
    modifiedMs: ctx.nowMs,
  };
  ctx.runtime.hooks.registry.add(subscription);
  return { body: subscriptionJson(subscription, ctx.orgUrl) };
}

function listSubscriptions(ctx: RouteContext): RouteResult {
  const filters = ['publisherId', 'eventType', 'consumerId', 'consumerActionId'] as const;
  const value = [...ctx.runtime.hooks.registry.subscriptions.values()]
    .filter((subscription) =>
      filters.every((name) => {
        const wanted = ctx.url.query.get(name.toLowerCase());
        return (
          wanted === undefined || wanted === '' || subscription[name].toLowerCase() === wanted.toLowerCase()
        );
      }),
    )
    .map((subscription) => subscriptionJson(subscription, ctx.orgUrl));
  return { body: { count: value.length, value } };
}

function deleteSubscription(ctx: RouteContext): RouteResult {
  requireEditSubscriptions(ctx);
  const subscription = findSubscription(ctx);
  ctx.runtime.hooks.registry.subscriptions.delete(subscription.id);
  return { status: 204, body: undefined };
}

function listNotifications(ctx: RouteContext): RouteResult {
  const subscription = findSubscription(ctx);
  const value = ctx.runtime.hooks.registry
    .notificationsOf(subscription.id)
    .reverse()
    .map((notification) => notificationJson(notification));
  return { body: { count: value.length, value } };
}

export const HOOK_ROUTES: Route[] = [
  { method: 'POST', template: '_apis/hooks/subscriptions', handle: createSubscription },
  { method: 'GET', template: '_apis/hooks/subscriptions', handle: listSubscriptions },
  {
    method: 'GET',
    template: '_apis/hooks/subscriptions/{subscriptionId}',
    handle: (ctx) => ({ body: subscriptionJson(findSubscription(ctx), ctx.orgUrl) }),
  },
  { method: 'DELETE', template: '_apis/hooks/subscriptions/{subscriptionId}', handle: deleteSubscription },
  {
    method: 'GET',
    template: '_apis/hooks/subscriptions/{subscriptionId}/notifications',
    handle: listNotifications,
  },
];
