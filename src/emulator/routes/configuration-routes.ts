// Policy configurations and types (locations dad91cbe, 44096322): list with policyType filter, get (§3.5).
import { listPolicyTypes } from '../model/policy-types.js';
import { serviceErrors } from '../protocol/service-errors.js';
import { toCollection } from '../protocol/wire-format.js';
import { configurationJson } from '../wire/policy-json.js';
import { requireProject } from './resolve-scope.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const CONFIGURATIONS = 'dad91cbe-d183-45f8-9c6e-9c1164472121';
const TYPES = '44096322-2d3d-466a-bb30-d1b7de69f61f';

/** `$top` + `continuationToken` paging (7.1), the token being the next offset; every item when `$top` is absent. */
function listConfigurations(ctx: RouteContext): RouteResult {
  const project = requireProject(ctx);
  const policyType = ctx.url.query.get('policytype')?.toLowerCase();
  const all = (ctx.store.policiesByProject.get(project.id) ?? []).filter(
    (policy) => policyType === undefined || policyType === '' || policy.typeId === policyType,
  );
  const start = Number(ctx.url.query.get('continuationtoken') ?? '0') || 0;
  const topText = ctx.url.query.get('$top');
  const top = topText === undefined || Number(topText) < 1 ? all.length : Number(topText);
  const page = all.slice(start, start + top);
  const headers: Record<string, string> = {};
  if (start + page.length < all.length) {
    headers['x-ms-continuationtoken'] = String(start + page.length);
  }
  return { body: toCollection(page.map((policy) => configurationJson(ctx.orgUrl, policy))), headers };
}

function typeJson(ctx: RouteContext, projectId: string, type: { id: string; displayName: string }) {
  const url = `${ctx.orgUrl}/${projectId}/_apis/policy/types/${type.id}`;
  return {
    description: type.displayName,
    _links: { self: { href: url } },
    id: type.id,
    url,
    displayName: type.displayName,
  };
}

export const CONFIGURATION_ROUTES: Route[] = [
  {
    method: 'GET',
    template: '{project}/_apis/policy/configurations',
    locationId: CONFIGURATIONS,
    handle: listConfigurations,
  },
  {
    method: 'GET',
    template: '{project}/_apis/policy/configurations/{configurationId}',
    locationId: CONFIGURATIONS,
    handle: (ctx) => {
      const project = requireProject(ctx);
      const id = ctx.params.get('configurationId') ?? '';
      const policy = ctx.store.policiesById.get(Number(id));
      if (policy === undefined || policy.project !== project) throw serviceErrors.configurationNotFound(id);
      return { body: configurationJson(ctx.orgUrl, policy) };
    },
  },
  {
    method: 'GET',
    template: '{project}/_apis/policy/types',
    locationId: TYPES,
    handle: (ctx) => {
      const project = requireProject(ctx);
      return { body: toCollection(listPolicyTypes().map((type) => typeJson(ctx, project.id, type))) };
    },
  },
];
