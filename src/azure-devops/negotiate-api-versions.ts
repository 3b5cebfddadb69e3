// api-version negotiation for one run (docs/decisions/0010-api-version-negotiation.md). Every request first goes
// with the version the client was written for, so a server that speaks it (the cloud, Server 2022.1) costs
// nothing extra. The first time a server refuses a version as out of range, the run learns it is older: each area
// it uses is then read once with `OPTIONS {collection}/_apis/{area}` (shared by concurrent callers, kept for
// the run), every later call of that area goes with the best version the server has, and the refused request is
// sent once more with it. `--api-version X.Y` pins one version instead and negotiates nothing.
import type { HttpRequest, HttpResponse, SendRequest } from '../http/types.js';
import { findApiResource, type ApiResource } from './api-resources.js';
import { formatApiVersion, parseApiVersion, type ApiVersion } from './api-version.js';
import {
  capAtCeiling,
  chooseApiVersion,
  highestMaxVersion,
  readResourceLocations,
  type ResourceLocation,
} from './choose-api-version.js';
import { readVersionRefusal } from './version-refusal.js';

/** `auto`, or a release `X.Y` every request is pinned to (a preview-only resource as `X.Y-preview.N`). */
export type ApiVersionMode = 'auto' | ApiVersion;

/** `auto` or `X.Y` (5.0 and up, the oldest REST version of a supported server); undefined when neither. */
export function parseApiVersionMode(text: string): ApiVersionMode | undefined {
  if (text.trim().toLowerCase() === 'auto') return 'auto';
  const version = parseApiVersion(text);
  return version === undefined || version.preview !== undefined || version.major < 5 ? undefined : version;
}

export interface ApiVersionsOptions {
  readonly collectionUrl: string;
  /** The pipeline's send: OPTIONS goes through the same auth, limits and retries as any call. */
  readonly send: SendRequest;
  /** @default 'auto' */
  readonly mode?: ApiVersionMode;
}

export interface ApiVersions {
  /** Sends a request of a known resource with the api-version chosen for it; others pass through as they are. */
  readonly send: SendRequest;
  /** The highest REST version the server lists for an area (one OPTIONS, kept); undefined if it will not say. */
  serverRestVersion(area?: string): Promise<string | undefined>;
}

export function createApiVersions(options: ApiVersionsOptions): ApiVersions {
  const { collectionUrl, send } = options;
  const mode = options.mode ?? 'auto';
  /** Set by the first refusal: from then on every area is negotiated before its first call. */
  let refused = false;
  let ceiling: ApiVersion | undefined;
  const areas = new Map<string, Promise<readonly ResourceLocation[] | undefined>>();
  const chosen = new Map<string, Promise<string>>();

  function locationsOf(area: string): Promise<readonly ResourceLocation[] | undefined> {
    const key = area.toLowerCase();
    let pending = areas.get(key);
    if (pending === undefined) {
      pending = readLocations(send, collectionUrl, area);
      areas.set(key, pending);
    }
    return pending;
  }

  function negotiated(resource: ApiResource): Promise<string> {
    let pending = chosen.get(resource.route);
    if (pending === undefined) {
      pending = locationsOf(resource.area).then(
        (locations) =>
          (locations && chooseApiVersion(resource.writtenFor, resource.resourceName, locations)) ??
          (ceiling ? capAtCeiling(resource.writtenFor, ceiling) : resource.writtenFor),
      );
      chosen.set(resource.route, pending);
    }
    return pending;
  }

  async function sendVersioned(request: HttpRequest): Promise<HttpResponse> {
    const resource = findApiResource(collectionUrl, request.url);
    if (resource === undefined) return send(request);
    if (mode !== 'auto') return send(withVersion(request, pinnedVersion(resource, mode)));
    const version = refused ? await negotiated(resource) : resource.writtenFor;
    const response = await send(withVersion(request, version));
    const refusal = readVersionRefusal(response);
    if (refusal === undefined) return response;
    refused = true;
    ceiling ??= refusal.ceiling;
    // A refusal before the area's answer arrived may know the ceiling the answer lacked; choose afresh then.
    if (!(await areas.get(resource.area.toLowerCase()))) chosen.delete(resource.route);
    const better = await negotiated(resource);
    // Stepped down once; if the server refuses this one too, its answer is the run's error.
    return better === version ? response : send(withVersion(request, better));
  }

  return {
    send: sendVersioned,
    async serverRestVersion(area = 'core') {
      const locations = await locationsOf(area);
      return locations === undefined ? undefined : highestMaxVersion(locations);
    },
  };
}

/** Never throws: without an answer, negotiation falls back to the ceiling the refusal named. */
async function readLocations(
  send: SendRequest,
  collectionUrl: string,
  area: string,
): Promise<readonly ResourceLocation[] | undefined> {
  try {
    const response = await send({
      method: 'OPTIONS',
      url: new URL(`${collectionUrl}/_apis/${encodeURIComponent(area)}`),
      headers: {},
      idempotent: true,
      operation: `read the REST API versions of area "${area}"`,
    });
    if (response.status !== 200) return undefined;
    const locations = readResourceLocations(JSON.parse(response.bodyText.replace(/^\uFEFF/, '')));
    return locations.length === 0 ? undefined : locations;
  } catch {
    return undefined;
  }
}

function pinnedVersion(resource: ApiResource, pinned: ApiVersion): string {
  const written = parseApiVersion(resource.writtenFor);
  const release = { major: pinned.major, minor: pinned.minor };
  return formatApiVersion(
    written?.preview === undefined ? release : { ...release, preview: written.preview },
  );
}

function withVersion(request: HttpRequest, version: string): HttpRequest {
  if (request.url.searchParams.get('api-version') === version) return request;
  const url = new URL(request.url);
  url.searchParams.set('api-version', version);
  return { ...request, url };
}
