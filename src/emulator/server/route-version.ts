// A route as the emulated release sees it: whether the release has its resource, and the api-version to answer.
import type { IncomingMessage } from 'node:http';
import { findLocation } from '../discovery/locations.js';
import { negotiateApiVersion, requestedApiVersion } from '../protocol/api-version.js';
import type { ParsedUrl } from '../protocol/parse-url.js';
import { maxApiVersionOf, type ServerVersion } from '../protocol/server-versions.js';
import type { Route } from '../routes/route-types.js';

/** A route without a location (OPTIONS discovery) exists in every release. */
export function inRelease(route: Route, serverVersion: ServerVersion): boolean {
  return route.locationId === undefined || findLocation(route.locationId, serverVersion) !== undefined;
}

/**
 * The api-version to echo in Content-Type, checked against the release's range for the route's location.
 * @throws ServiceError 400 as the service words it (out of range, preview, malformed, missing).
 */
export function versionFor(
  route: Route,
  request: IncomingMessage,
  url: ParsedUrl,
  method: string,
  serverVersion: ServerVersion,
): string | undefined {
  const location = route.locationId === undefined ? undefined : findLocation(route.locationId, serverVersion);
  if (location === undefined) return undefined;
  const requested = requestedApiVersion(url.query, request.headers.accept);
  return negotiateApiVersion(requested, method, location, maxApiVersionOf(serverVersion));
}
