// Projects (core area, location 603fe2ac): list with $top/$skip/continuationToken, get by name or GUID (§3.1).
import { canSeeProject } from '../engine/access.js';
import { queryBoolean } from '../protocol/parse-url.js';
import { serviceErrors } from '../protocol/service-errors.js';
import { toCollection } from '../protocol/wire-format.js';
import { projectJson, projectReferenceJson } from '../wire/core-json.js';
import { requireProject } from './resolve-scope.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const PROJECTS_LOCATION = '603fe2ac-9723-48b9-88ad-09305aa6c6e1';
/** Projects list page size when `$top` is absent; the next page is announced by x-ms-continuationtoken (§1.4). */
const DEFAULT_PROJECT_PAGE = 100;

function listProjects(ctx: RouteContext): RouteResult {
  const visible = ctx.store.projects.filter((project) => canSeeProject(ctx.store, ctx.caller, project));
  const token = ctx.url.query.get('continuationtoken');
  const topText = ctx.url.query.get('$top');
  const skipText = ctx.url.query.get('$skip');
  const parse = (name: string, text: string | undefined) => {
    if (text === undefined || text === '') return undefined;
    if (!/^\d+$/.test(text)) throw serviceErrors.invalidArgument(name, text);
    return Number(text);
  };
  // The emulator's continuation token is the offset of the next page (clients treat it as opaque).
  const start = parse('continuationToken', token) ?? parse('$skip', skipText) ?? 0;
  const top = parse('$top', topText) ?? DEFAULT_PROJECT_PAGE;
  const page = visible.slice(start, start + Math.max(top, 1));
  const headers: Record<string, string> = {};
  if (start + page.length < visible.length) {
    headers['x-ms-continuationtoken'] = String(start + page.length);
  }
  return { body: toCollection(page.map((p) => projectReferenceJson(ctx.orgUrl, p))), headers };
}

export const CORE_ROUTES: Route[] = [
  { method: 'GET', template: '_apis/projects', locationId: PROJECTS_LOCATION, handle: listProjects },
  {
    method: 'GET',
    template: '_apis/projects/{project}',
    locationId: PROJECTS_LOCATION,
    handle: (ctx) => {
      const project = requireProject(ctx);
      const capabilities = queryBoolean(ctx.url.query, 'includeCapabilities') ?? false;
      return { body: projectJson(ctx.orgUrl, ctx.store.collectionId, project, capabilities) };
    },
  },
];
