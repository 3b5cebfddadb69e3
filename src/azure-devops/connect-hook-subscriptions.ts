// Wires an organization URL and a credential into what `azdo-requeue hooks` needs: the subscriptions adapter and
// the scope resolver that turns project and repository names into the GUIDs a subscription filters on.
import type { ResolvedScope, ScopeRequest } from '../requeue/checks-api.js';
import { createAzureDevOpsPipeline, type AzureDevOpsPipelineOptions } from './connect-azure-devops.js';
import { createGetJson } from './get-json.js';
import { createHookSubscriptionsApi, type HookSubscriptionsApi } from './hook-subscriptions-api.js';
import { resolveScope } from './resolve-scope.js';

export interface HookConnection {
  readonly subscriptions: HookSubscriptionsApi;
  resolveScope(request: ScopeRequest): Promise<ResolvedScope>;
}

export function connectHookSubscriptions(options: AzureDevOpsPipelineOptions): HookConnection {
  const pipeline = createAzureDevOpsPipeline(options);
  const org = options.organization.url;
  const get = createGetJson(pipeline.send);
  return {
    subscriptions: createHookSubscriptionsApi(pipeline.send, org),
    resolveScope: (request) => resolveScope(get, org, request),
  };
}
