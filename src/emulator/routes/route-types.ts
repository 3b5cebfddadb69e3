// What a REST route is: a method, a path template after the organization, a resource location, a handler.
import type { Caller } from '../identity/authenticate.js';
import type { Store } from '../model/store.js';
import type { ParsedUrl } from '../protocol/parse-url.js';
import type { EmulatorRuntime } from '../runtime/emulator-runtime.js';

export interface RouteContext {
  runtime: EmulatorRuntime;
  store: Store;
  caller: Caller;
  method: string;
  url: ParsedUrl;
  /** Path parameters by template name, decoded, original case. */
  params: Map<string, string>;
  body: Buffer;
  /** Emulator-clock now (epoch ms). */
  nowMs: number;
  /** `http://127.0.0.1:PORT/org`, no trailing slash. */
  orgUrl: string;
}

export interface RouteResult {
  /** @default 200 */
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'PATCH' | 'POST' | 'OPTIONS' | 'PUT' | 'DELETE';
  /** After `/{org}/`, e.g. `{project}/_apis/git/pullRequests/{pullRequestId}`; literals match any case. */
  template: string;
  /** Resource location (§2.3) giving the version window; none for OPTIONS discovery. */
  locationId?: string;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
  /** OPTIONS discovery answers a precomputed string body. */
  raw?: boolean;
}

export interface CompiledRoute {
  route: Route;
  /** Lower-cased literal, or `{name}` for a parameter. */
  segments: string[];
}

export type RouteMatch =
  { kind: 'found'; route: Route; params: Map<string, string> } | { kind: 'wrongMethod' } | { kind: 'none' };

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => ({
    route,
    segments: route.template.split('/').map((s) => (s.startsWith('{') ? s : s.toLowerCase())),
  }));
}

function matchSegments(
  compiled: CompiledRoute,
  lower: string[],
  original: string[],
): Map<string, string> | null {
  if (compiled.segments.length !== lower.length) return null;
  const params = new Map<string, string>();
  for (let i = 0; i < lower.length; i += 1) {
    const expected = compiled.segments[i] ?? '';
    const actual = lower[i] ?? '';
    if (expected.startsWith('{')) {
      // A parameter never swallows the `_apis` marker, so project-level and org-level routes stay apart.
      if (actual === '_apis') return null;
      params.set(expected.slice(1, -1), original[i] ?? '');
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** Finds the route for the segments after the organization (routing is case-insensitive, §10.4). */
export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  lower: string[],
  original: string[],
): RouteMatch {
  let wrongMethod = false;
  for (const compiled of routes) {
    const params = matchSegments(compiled, lower, original);
    if (params === null) continue;
    if (compiled.route.method === method) {
      return { kind: 'found', route: compiled.route, params };
    }
    wrongMethod = true;
  }
  return wrongMethod ? { kind: 'wrongMethod' } : { kind: 'none' };
}
