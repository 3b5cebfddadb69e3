// The resource-location table behind OPTIONS discovery, per release: parsed once, bodies precomputed (§2.3, §10.1).
import { BUILD_LOCATION_LINES } from './locations-build.js';
import { GIT_LOCATION_LINES } from './locations-git.js';
import { HOOKS_LOCATION_LINES } from './locations-hooks.js';
import { OTHER_LOCATION_LINES } from './locations-other.js';
import { parseLocationLine, type ApiResourceLocation } from './api-resource-location.js';
import { locationForRelease } from './release-locations.js';
import { maxApiVersionOf, type ServerVersion } from '../protocol/server-versions.js';

const RECORDED_LOCATIONS: readonly ApiResourceLocation[] = [
  ...GIT_LOCATION_LINES,
  ...BUILD_LOCATION_LINES,
  ...OTHER_LOCATION_LINES,
  ...HOOKS_LOCATION_LINES,
].map(parseLocationLine);

/** One release's locations with their precomputed OPTIONS bodies. */
interface LocationView {
  readonly all: readonly ApiResourceLocation[];
  readonly byId: Map<string, ApiResourceLocation>;
  readonly allBody: string;
  readonly areaBodies: Map<string, string>;
}

function toCollectionBody(locations: readonly ApiResourceLocation[]): string {
  return JSON.stringify({ count: locations.length, value: locations });
}

function buildView(all: readonly ApiResourceLocation[]): LocationView {
  const areaBodies = new Map<string, string>();
  for (const area of new Set(all.map((location) => location.area.toLowerCase()))) {
    areaBodies.set(area, toCollectionBody(all.filter((l) => l.area.toLowerCase() === area)));
  }
  return {
    all,
    byId: new Map(all.map((location) => [location.id, location])),
    allBody: toCollectionBody(all),
    areaBodies,
  };
}

// Precomputed once per release: OPTIONS is sent before almost every first call, so it must cost nothing (§10.1).
const VIEWS = new Map<ServerVersion, LocationView>();

function viewOf(version: ServerVersion): LocationView {
  let view = VIEWS.get(version);
  if (view === undefined) {
    const ceiling = maxApiVersionOf(version);
    view = buildView(
      version === 'cloud'
        ? RECORDED_LOCATIONS
        : RECORDED_LOCATIONS.flatMap((location) => locationForRelease(location, ceiling) ?? []),
    );
    VIEWS.set(version, view);
  }
  return view;
}

const EMPTY_BODY = toCollectionBody([]);

/** The JSON body of `OPTIONS /{collection}/_apis` (every location; `allHostTypes` changes nothing here). */
export function allLocationsBody(version: ServerVersion = 'cloud'): string {
  return viewOf(version).allBody;
}

/** The JSON body of `OPTIONS /{collection}/_apis/{area}`, the area matched case-insensitively (§10.1). */
export function areaLocationsBody(area: string, version: ServerVersion = 'cloud'): string {
  return viewOf(version).areaBodies.get(area.toLowerCase()) ?? EMPTY_BODY;
}

/** Looks a location up by its GUID; routes use it for their version range (§1.2). Undefined: not in that release. */
export function findLocation(id: string, version: ServerVersion = 'cloud'): ApiResourceLocation | undefined {
  return viewOf(version).byId.get(id);
}

/** Every location of a release (tests compare the cloud's with the recorded payload). */
export function listLocations(version: ServerVersion = 'cloud'): readonly ApiResourceLocation[] {
  return viewOf(version).all;
}
