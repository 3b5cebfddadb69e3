// Every REST route the emulator serves, compiled once; order matters only between same-shaped templates.
import { BUILD_ROUTES } from './build-routes.js';
import { CONFIGURATION_ROUTES } from './configuration-routes.js';
import { CORE_ROUTES } from './core-routes.js';
import { DISCOVERY_ROUTES } from './discovery-routes.js';
import { EVALUATION_ROUTES } from './evaluation-routes.js';
import { HOOK_ROUTES } from './hook-routes.js';
import { PULL_REQUEST_ROUTES } from './pull-request-routes.js';
import { REPOSITORY_ROUTES } from './repository-routes.js';
import { compileRoutes, type CompiledRoute, type Route } from './route-types.js';
import { SECURITY_ROUTES } from './security-routes.js';

/** The route list in the order it is matched (discovery first: OPTIONS is the most frequent cold call). */
export const ROUTE_LIST: readonly Route[] = [
  ...DISCOVERY_ROUTES,
  ...CORE_ROUTES,
  ...REPOSITORY_ROUTES,
  ...PULL_REQUEST_ROUTES,
  ...EVALUATION_ROUTES,
  ...CONFIGURATION_ROUTES,
  ...BUILD_ROUTES,
  ...SECURITY_ROUTES,
  ...HOOK_ROUTES,
];

export const ALL_ROUTES: CompiledRoute[] = compileRoutes([...ROUTE_LIST]);

/** Templates with their methods, for docs and for a test that every location id is known. */
export function describeRoutes(): { method: string; template: string; locationId: string | null }[] {
  return ROUTE_LIST.map((route) => ({
    method: route.method,
    template: route.template,
    locationId: route.locationId ?? null,
  }));
}
