// Discovery clients run before real calls: OPTIONS locations, ResourceAreas, connectionData (§2, §10.1–10.3).
import { allLocationsBody, areaLocationsBody } from '../discovery/locations.js';
import { serviceErrors } from '../protocol/service-errors.js';
import { toCollection } from '../protocol/wire-format.js';
import { connectionDataJson } from '../wire/connection-data-json.js';
import type { Route, RouteContext } from './route-types.js';

/**
 * Areas whose `locationUrl` is this emulator. A non-empty list must hold every area a client needs, or node
 * throws and python asks app.vssps.visualstudio.com (§2.4), so it lists each area the emulator serves.
 */
const RESOURCE_AREAS = [
  { id: 'fb13a388-40dd-4a04-b530-013a739c72ef', name: 'policy' },
  { id: '79134c72-4a58-4b42-976c-04e7115f32bf', name: 'core' },
  { id: '4e080c62-fa21-4fbc-8fef-2a10a2b38049', name: 'git' },
  { id: '965220d5-5bb9-42cf-8d67-9b146df2a5a4', name: 'Build' },
  { id: '5d6898bb-45ec-463f-95f9-54d49c71752e', name: 'build' },
];

function resourceAreas(ctx: RouteContext) {
  return RESOURCE_AREAS.map((area) => ({ ...area, locationUrl: `${ctx.orgUrl}/` }));
}

export const DISCOVERY_ROUTES: Route[] = [
  // §2.2: az sends `OPTIONS /{org}/_apis` (optionally `?allHostTypes=True`); the whole table either way.
  {
    method: 'OPTIONS',
    template: '_apis',
    raw: true,
    handle: (ctx) => ({ body: allLocationsBody(ctx.runtime.serverVersion) }),
  },
  // §2.1: node sends `OPTIONS /{org}/_apis/{area}` (Location, git, policy, core, build), any case.
  {
    method: 'OPTIONS',
    template: '_apis/{area}',
    raw: true,
    handle: (ctx) => ({
      body: areaLocationsBody(ctx.params.get('area') ?? '', ctx.runtime.serverVersion),
    }),
  },
  {
    method: 'GET',
    template: '_apis/ResourceAreas',
    locationId: 'e81700f7-3be2-46de-8624-2eb35882fcaa',
    handle: (ctx) => ({ body: toCollection(resourceAreas(ctx)) }),
  },
  {
    method: 'GET',
    template: '_apis/ResourceAreas/{areaId}',
    locationId: 'e81700f7-3be2-46de-8624-2eb35882fcaa',
    handle: (ctx) => {
      const wanted = (ctx.params.get('areaId') ?? '').toLowerCase();
      const area = resourceAreas(ctx).find((a) => a.id === wanted || a.name.toLowerCase() === wanted);
      if (area === undefined) throw serviceErrors.invalidArgument('areaId', wanted);
      return { body: area };
    },
  },
  // §2.5 / §10.3: with and without api-version (node's connect() sends none).
  {
    method: 'GET',
    template: '_apis/connectionData',
    locationId: '00d9565f-ed9c-4a06-9a50-00e7896ccab4',
    handle: (ctx) => ({
      body: connectionDataJson(
        ctx.caller.identity,
        ctx.store.collectionId,
        ctx.runtime.serverVersion !== 'cloud',
      ),
    }),
  },
  // §2.2: az's telemetry event when Azure CLI telemetry is on; accepted and dropped.
  {
    method: 'POST',
    template: '_apis/CustomerIntelligence/Events',
    locationId: 'b5cc35c2-ff2b-491d-a085-24b6e9f396fd',
    handle: () => ({ status: 204, body: undefined }),
  },
];
