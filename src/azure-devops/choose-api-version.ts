// Which api-version to send for a resource, from what the client was written for and what the server says it
// supports: the location's range in `OPTIONS {collection}/_apis/{area}` (reference §2.3), or only the server's
// ceiling from a VssVersionOutOfRangeException (§1.2). Pure.
import {
  compareRelease,
  formatApiVersion,
  isReleased,
  lowerRelease,
  parseApiVersion,
  type ApiVersion,
} from './api-version.js';

/** The fields of one ApiResourceLocation that negotiation reads (§2.3: versions are strings). */
export interface ResourceLocation {
  readonly resourceName: string;
  readonly minVersion: string;
  readonly maxVersion: string;
  readonly releasedVersion: string;
  readonly resourceVersion: number;
}

/** Reads the `value[]` of an OPTIONS answer; entries without the fields negotiation needs are left out. */
export function readResourceLocations(body: unknown): ResourceLocation[] {
  const value = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): ResourceLocation[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { resourceName, minVersion, maxVersion, releasedVersion, resourceVersion } = item as Record<
      string,
      unknown
    >;
    const text = (field: unknown): string => (typeof field === 'number' ? field.toFixed(1) : String(field));
    if (typeof resourceName !== 'string' || parseApiVersion(text(maxVersion)) === undefined) return [];
    return [
      {
        resourceName,
        minVersion: text(minVersion ?? '0.0'),
        maxVersion: text(maxVersion),
        releasedVersion: text(releasedVersion ?? '0.0'),
        resourceVersion: typeof resourceVersion === 'number' ? resourceVersion : 1,
      },
    ];
  });
}

/**
 * The highest version not above what the client was written for that the location supports: the written one
 * when the server has it; else the server's released version; else, where the resource is preview-only on this
 * server, `{max}-preview.{N}` with N no higher than written or the location's resourceVersion. Undefined when the
 * server has no such resource, or only versions older than its minimum allows.
 */
export function chooseApiVersion(
  writtenFor: string,
  resourceName: string,
  locations: readonly ResourceLocation[],
): string | undefined {
  const written = parseApiVersion(writtenFor);
  const location = newestLocation(resourceName, locations);
  if (written === undefined || location === undefined) return undefined;
  const max = parseApiVersion(location.maxVersion);
  const released = parseApiVersion(location.releasedVersion);
  const min = parseApiVersion(location.minVersion);
  if (max === undefined) return undefined;
  let chosen: ApiVersion;
  if (written.preview === undefined && isReleased(released)) {
    chosen = lowerRelease(written, released);
  } else {
    const preview =
      written.preview === undefined
        ? location.resourceVersion
        : Math.min(written.preview || 1, location.resourceVersion);
    chosen = { ...lowerRelease(written, max), preview };
  }
  if (min !== undefined && compareRelease(chosen, min) < 0) return undefined;
  return formatApiVersion(chosen);
}

/** Without a location, only the ceiling: the written version capped at it, a preview kept a preview. */
export function capAtCeiling(writtenFor: string, ceiling: ApiVersion): string {
  const written = parseApiVersion(writtenFor);
  if (written === undefined) return writtenFor;
  const capped = lowerRelease(written, ceiling);
  return formatApiVersion(written.preview === undefined ? capped : { ...capped, preview: written.preview });
}

/** The highest maxVersion in an OPTIONS answer: the REST version the server speaks. */
export function highestMaxVersion(locations: readonly ResourceLocation[]): string | undefined {
  const versions = locations.flatMap((location) => parseApiVersion(location.maxVersion) ?? []);
  const highest = versions.reduce<ApiVersion | undefined>(
    (best, version) => (best === undefined || compareRelease(version, best) > 0 ? version : best),
    undefined,
  );
  return highest === undefined ? undefined : formatApiVersion(lowerRelease(highest, highest));
}

/** Several locations may share a name (old 1.0-only routes next to current ones); the newest one counts. */
function newestLocation(
  resourceName: string,
  locations: readonly ResourceLocation[],
): ResourceLocation | undefined {
  const wanted = resourceName.toLowerCase();
  const named = locations.filter((location) => location.resourceName.toLowerCase() === wanted);
  return named.reduce<ResourceLocation | undefined>((best, location) => {
    if (best === undefined) return location;
    const [a, b] = [parseApiVersion(location.maxVersion), parseApiVersion(best.maxVersion)];
    return a !== undefined && b !== undefined && compareRelease(a, b) > 0 ? location : best;
  }, undefined);
}
