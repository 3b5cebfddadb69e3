// The REST resources this client calls, one line each: how its URL names it, the area OPTIONS is asked about and
// the resourceName in that answer (reference §2.3), and the api-version the client was written and tested for
// (released 7.1; preview-only resources as 7.1-preview.1, §1.2). api-version negotiation works from this table;
// a new resource is one more line.

export interface ApiResource {
  /** The route after `_apis/`, lower case, segment by segment: `git/pullrequests` also covers `…/pullrequests/7`. */
  readonly route: string;
  /** The area of `OPTIONS {collection}/_apis/{area}`. */
  readonly area: string;
  /** The location's resourceName in that answer (compared case-insensitively). */
  readonly resourceName: string;
  readonly writtenFor: string;
}

export const API_RESOURCES = [
  { route: 'projects', area: 'core', resourceName: 'projects', writtenFor: '7.1' },
  { route: 'git/repositories', area: 'git', resourceName: 'repositories', writtenFor: '7.1' },
  { route: 'git/pullrequests', area: 'git', resourceName: 'pullRequests', writtenFor: '7.1' },
  { route: 'policy/evaluations', area: 'policy', resourceName: 'evaluations', writtenFor: '7.1-preview.1' },
  { route: 'policy/configurations', area: 'policy', resourceName: 'configurations', writtenFor: '7.1' },
  { route: 'build/builds', area: 'build', resourceName: 'Builds', writtenFor: '7.1' },
  { route: 'hooks/subscriptions', area: 'hooks', resourceName: 'Subscriptions', writtenFor: '7.1' },
  { route: 'connectiondata', area: 'Location', resourceName: 'ConnectionData', writtenFor: '7.1-preview.1' },
  {
    route: 'security/permissionevaluationbatch',
    area: 'Security',
    resourceName: 'PermissionEvaluationBatch',
    writtenFor: '7.1',
  },
] as const satisfies readonly ApiResource[];

export type ApiRoute = (typeof API_RESOURCES)[number]['route'];

/** The api-version a URL builder writes; negotiation may send another one (negotiate-api-versions.ts). */
export function writtenVersionOf(route: ApiRoute): string {
  return API_RESOURCES.find((resource) => resource.route === route)?.writtenFor ?? '7.1';
}

/**
 * The resource a request URL calls, from its path below the collection: `[{project}/]_apis/{route}[/…]`.
 * Undefined for anything else (another host, another collection, a route not in the table).
 */
export function findApiResource(collectionUrl: string, url: URL): ApiResource | undefined {
  const base = new URL(collectionUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) return undefined;
  const segments = url.pathname.slice(basePath.length + 1).split('/');
  const apis = segments[0] === '_apis' ? 0 : segments[1] === '_apis' ? 1 : -1;
  if (apis < 0) return undefined;
  const rest = segments.slice(apis + 1).map((segment) => segment.toLowerCase());
  return API_RESOURCES.find((resource) => {
    const route = resource.route.split('/');
    return route.every((part, index) => rest[index] === part);
  });
}
