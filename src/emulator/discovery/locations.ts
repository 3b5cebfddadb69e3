// The resource-location table behind OPTIONS discovery: parsed once, bodies precomputed (§2.3, §10.1).
import { BUILD_LOCATION_LINES } from './locations-build.js';
import { GIT_LOCATION_LINES } from './locations-git.js';
import { OTHER_LOCATION_LINES } from './locations-other.js';

/** One ApiResourceLocation exactly as the service returns it: lowercase GUID, versions as strings (§2.3). */
export interface ApiResourceLocation {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

function parseLine(line: string): ApiResourceLocation {
  const [id, area, resourceName, routeTemplate, resourceVersion, minVersion, maxVersion, releasedVersion] =
    line.split(' ');
  if (releasedVersion === undefined || maxVersion === undefined || minVersion === undefined) {
    throw new Error(`malformed location line: ${line}`);
  }
  return {
    id: id ?? '',
    area: area ?? '',
    resourceName: resourceName ?? '',
    routeTemplate: routeTemplate ?? '',
    resourceVersion: Number(resourceVersion),
    minVersion,
    maxVersion,
    releasedVersion,
  };
}

const ALL_LOCATIONS: readonly ApiResourceLocation[] = [
  ...GIT_LOCATION_LINES,
  ...BUILD_LOCATION_LINES,
  ...OTHER_LOCATION_LINES,
].map(parseLine);

const BY_ID = new Map(ALL_LOCATIONS.map((location) => [location.id, location]));

function toCollectionBody(locations: readonly ApiResourceLocation[]): string {
  return JSON.stringify({ count: locations.length, value: locations });
}

// Precomputed once: OPTIONS is sent before almost every first call, so it must cost nothing (§10.1).
const ALL_BODY = toCollectionBody(ALL_LOCATIONS);
const AREA_BODIES = new Map<string, string>();
for (const area of new Set(ALL_LOCATIONS.map((location) => location.area.toLowerCase()))) {
  AREA_BODIES.set(area, toCollectionBody(ALL_LOCATIONS.filter((l) => l.area.toLowerCase() === area)));
}
const EMPTY_BODY = toCollectionBody([]);

/** The JSON body of `OPTIONS /{org}/_apis` (every location; `allHostTypes` changes nothing here). */
export function allLocationsBody(): string {
  return ALL_BODY;
}

/** The JSON body of `OPTIONS /{org}/_apis/{area}`, the area matched case-insensitively (§10.1). */
export function areaLocationsBody(area: string): string {
  return AREA_BODIES.get(area.toLowerCase()) ?? EMPTY_BODY;
}

/** Looks a location up by its GUID; routes use it for their version range (§1.2). */
export function findLocation(id: string): ApiResourceLocation | undefined {
  return BY_ID.get(id);
}

/** Every location (tests compare them with the recorded payload). */
export function listLocations(): readonly ApiResourceLocation[] {
  return ALL_LOCATIONS;
}
