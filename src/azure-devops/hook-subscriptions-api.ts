// The Web Hooks subscriptions azdo-requeue installs for `serve` (hooks 7.1; service-hooks reference §2): list,
// create, delete, and the recent failures of each. The Basic-auth password goes out in a request body only; the
// service never returns it. A refusal names the permission that creating or deleting needs.
import type { HttpMethod, SendRequest } from '../http/types.js';
import { ApiFailure } from '../requeue/checks-api.js';
import { hookNotificationsUrl, hookSubscriptionsUrl } from './endpoints.js';
import { isObject, readCollection, readObject, readString, type JsonObject } from './json-guards.js';
import { readJson } from './read-response.js';
import { sendJson } from './send-json.js';

/** What one subscription is for: pushes to a project, optionally one repository and one branch. */
export interface PushHookTarget {
  readonly url: string;
  readonly projectId: string;
  /** Repository GUID; '' = every repository of the project. */
  readonly repositoryId: string;
  /** Branch name as given; '' = every branch. */
  readonly branch: string;
}

export interface PushHookSubscription extends PushHookTarget {
  readonly id: string;
  /** enabled | onProbation | disabledByUser | disabledBySystem | disabledByInactiveIdentity */
  readonly status: string;
  readonly userName: string;
}

export interface HookSubscriptionsApi {
  /** Every `git.push` Web Hooks subscription of the organization. */
  list(): Promise<readonly PushHookSubscription[]>;
  create(target: PushHookTarget, userName: string, password: string): Promise<PushHookSubscription>;
  remove(subscriptionId: string): Promise<void>;
  /** How many of the subscription's last `top` notifications failed. */
  recentFailures(subscriptionId: string, top: number): Promise<number>;
}

export const EDIT_SUBSCRIPTIONS_FIX =
  'creating or deleting a service hook subscription needs the "Edit subscriptions" permission ' +
  '(project administrators have it; the job token does not): run this as a project administrator';

export function createHookSubscriptionsApi(send: SendRequest, org: string): HookSubscriptionsApi {
  async function call(method: HttpMethod, url: URL, what: string, body?: unknown): Promise<unknown> {
    let response;
    try {
      response = await sendJson(send, { method, url, what, body, idempotent: method !== 'POST' });
    } catch (error) {
      if (error instanceof ApiFailure && error.kind === 'auth' && method !== 'GET') {
        throw new ApiFailure('auth', `${error.message}\n${EDIT_SUBSCRIPTIONS_FIX}`, error.code);
      }
      throw error;
    }
    return response.status === 204 ? undefined : readJson(response, what);
  }

  return {
    async list() {
      const what = 'list service hook subscriptions';
      const url = hookSubscriptionsUrl(org);
      for (const [name, value] of Object.entries(PUSH_HOOK)) url.searchParams.set(name, value);
      const items = readCollection(await call('GET', url, what), what);
      return items.filter(isObject).filter(isPushHook).map(toSubscription);
    },
    async create(target, userName, password) {
      const body = {
        ...PUSH_HOOK,
        resourceVersion: '1.0',
        publisherInputs: {
          projectId: target.projectId,
          repository: target.repositoryId,
          branch: target.branch,
        },
        consumerInputs: {
          url: target.url,
          basicAuthUsername: userName,
          basicAuthPassword: password,
          resourceDetailsToSend: 'all',
          messagesToSend: 'none',
          detailedMessagesToSend: 'none',
        },
      };
      const created = await call(
        'POST',
        hookSubscriptionsUrl(org),
        'create a service hook subscription',
        body,
      );
      if (!isObject(created))
        throw new ApiFailure('other', 'create a service hook subscription: no answer', '');
      return toSubscription(created);
    },
    async remove(subscriptionId) {
      await call(
        'DELETE',
        hookSubscriptionsUrl(org, subscriptionId),
        `delete subscription ${subscriptionId}`,
      );
    },
    async recentFailures(subscriptionId, top) {
      const what = `list notifications of subscription ${subscriptionId}`;
      const items = readCollection(
        await call('GET', hookNotificationsUrl(org, subscriptionId, top), what),
        what,
      );
      return items.slice(0, top).filter((item) => isObject(item) && readString(item, 'result') === 'failed')
        .length;
    },
  };
}

const PUSH_HOOK = {
  publisherId: 'tfs',
  eventType: 'git.push',
  consumerId: 'webHooks',
  consumerActionId: 'httpRequest',
} as const;

function isPushHook(item: JsonObject): boolean {
  return Object.entries(PUSH_HOOK).every(([name, value]) => readString(item, name) === value);
}

function toSubscription(item: JsonObject): PushHookSubscription {
  const publisher = readObject(item, 'publisherInputs') ?? {};
  const consumer = readObject(item, 'consumerInputs') ?? {};
  return {
    id: readString(item, 'id') ?? '',
    status: readString(item, 'status') ?? 'unknown',
    url: readString(consumer, 'url') ?? '',
    userName: readString(consumer, 'basicAuthUsername') ?? '',
    projectId: (readString(publisher, 'projectId') ?? '').toLowerCase(),
    repositoryId: (readString(publisher, 'repository') ?? '').toLowerCase(),
    branch: readString(publisher, 'branch') ?? '',
  };
}
