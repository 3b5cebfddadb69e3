// The recorded OPTIONS answer of the cloud (../shared/azdo-rest-specs/recorded/options-locations.json), and the
// same answer cut down to a Server release's REST ceiling, for tests of api-version negotiation.
import { readFileSync } from 'node:fs';

const RECORDED = '/work/shared/azdo-rest-specs/recorded/options-locations.json';

/** One ApiResourceLocation as the service sends it (reference §2.3). */
export interface RecordedLocation {
  readonly id: string;
  readonly area: string;
  readonly resourceName: string;
  readonly routeTemplate: string;
  readonly resourceVersion: number;
  readonly minVersion: string;
  readonly maxVersion: string;
  readonly releasedVersion: string;
}

export const RECORDED_LOCATIONS = (
  JSON.parse(readFileSync(RECORDED, 'utf8').replace(/^\uFEFF/, '')) as { value: RecordedLocation[] }
).value;

function rank(text: string): number {
  const [major = 0, minor = 0] = text.split('.').map(Number);
  return major * 100 + minor;
}

/**
 * What `OPTIONS {collection}/_apis/{area}` lists on a server whose REST ceiling is `ceiling` ('7.2' = the cloud
 * as recorded): the area's locations, none newer than the ceiling, each capped at it.
 */
export function areaLocations(area: string, ceiling = '7.2'): RecordedLocation[] {
  const cap = (text: string): string => (rank(text) > rank(ceiling) ? ceiling : text);
  return RECORDED_LOCATIONS.filter(
    (location) =>
      location.area.toLowerCase() === area.toLowerCase() && rank(location.minVersion) <= rank(ceiling),
  ).map((location) => ({
    ...location,
    maxVersion: cap(location.maxVersion),
    releasedVersion: location.releasedVersion === '0.0' ? '0.0' : cap(location.releasedVersion),
  }));
}
