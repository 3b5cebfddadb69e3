// api-version negotiation as the service does it: query or Accept parameter, preview rules, range (§1.2, §10.5).
import { ServiceError, serviceErrors } from './service-errors.js';

/** The highest REST version the cloud service (2025) supports (§1.2); a Server mode has its own. */
export const MAX_API_VERSION = '7.2';

export interface ApiVersion {
  major: number;
  minor: number;
  isPreview: boolean;
  /** The `.N` of `-preview.N`, if given. */
  resourceVersion?: number;
}

/** The version window of one resource location (§2.3): `releasedVersion` "0.0" = preview-only. */
export interface VersionRule {
  minVersion: string;
  releasedVersion: string;
  resourceVersion: number;
  routeTemplate: string;
}

const PATTERN = /^(\d+)\.(\d+)(-preview(?:\.(\d+))?)?$/i;

export function parseApiVersion(text: string): ApiVersion | undefined {
  const match = PATTERN.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const version: ApiVersion = {
    major: Number(match[1]),
    minor: Number(match[2]),
    isPreview: match[3] !== undefined,
  };
  if (match[4] !== undefined) {
    version.resourceVersion = Number(match[4]);
  }
  return version;
}

/** `api-version` from the query, else from the Accept header's parameter (both clients use Accept, §1.2). */
export function requestedApiVersion(
  query: Map<string, string>,
  accept: string | undefined,
): string | undefined {
  const fromQuery = query.get('api-version');
  if (fromQuery !== undefined) {
    return fromQuery;
  }
  const match = accept === undefined ? null : /api-version\s*=\s*([^;,\s]+)/i.exec(accept);
  return match?.[1];
}

function rank(major: number, minor: number): number {
  return major * 1000 + minor;
}

/** Orders `X.Y[-preview[.N]]` texts by X.Y only (what ranges compare); unparsable texts rank lowest. */
export function rankOf(text: string): number {
  const version = parseApiVersion(text);
  return version === undefined ? 0 : rank(version.major, version.minor);
}

/**
 * Validates the requested version against a location and returns the version to echo in Content-Type.
 * A missing version is allowed on GET/OPTIONS (node's connect() sends none, §1.2) and means the latest released.
 * `maxApiVersion` is the release's ceiling (7.2 in the cloud, 5.0 on Server 2019, …).
 * @throws ServiceError 400 as the service words it.
 */
export function negotiateApiVersion(
  requested: string | undefined,
  method: string,
  rule: VersionRule,
  maxApiVersion: string = MAX_API_VERSION,
): string {
  if (requested === undefined || requested === '') {
    if (method === 'GET' || method === 'OPTIONS' || method === 'HEAD') {
      return rule.releasedVersion === '0.0'
        ? `${maxApiVersion}-preview.${rule.resourceVersion}`
        : rule.releasedVersion;
    }
    throw serviceErrors.versionNotSpecified(method);
  }
  const version = parseApiVersion(requested);
  if (version === undefined) {
    throw serviceErrors.invalidVersion(requested);
  }
  const requestedRank = rank(version.major, version.minor);
  if (requestedRank > rankOf(maxApiVersion)) {
    throw serviceErrors.versionOutOfRange(`${version.major}.${version.minor}`, maxApiVersion);
  }
  const tooOld = requestedRank < rankOf(rule.minVersion);
  const previewTooNew =
    version.resourceVersion !== undefined && version.resourceVersion > rule.resourceVersion;
  if (tooOld || previewTooNew) {
    throw serviceErrors.versionOutOfRouteRange(requested, rule.routeTemplate);
  }
  if (!version.isPreview && requestedRank > rankOf(rule.releasedVersion)) {
    throw serviceErrors.invalidPreview(`${version.major}.${version.minor}`);
  }
  return requested;
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
