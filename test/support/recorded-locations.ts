// The recorded OPTIONS answer of the cloud (../shared/azdo-rest-specs/recorded/options-locations.json), and the
// same answer cut down to a Server release's REST ceiling, for tests of api-version negotiation.
import { readFileSync } from 'node:fs';

import { rank, type Location } from '../emulator/support/locations.js';

export { rank };

const RECORDED = '/work/shared/azdo-rest-specs/recorded/options-locations.json';

export const RECORDED_LOCATIONS = (
  JSON.parse(readFileSync(RECORDED, 'utf8').replace(/^\uFEFF/, '')) as { value: Location[] }
).value;

/**
 * What `OPTIONS {collection}/_apis/{area}` lists on a server whose REST ceiling is `ceiling` ('7.2' = the cloud
 * as recorded): the area's locations, none newer than the ceiling, each capped at it.
 */
export function areaLocations(area: string, ceiling = '7.2'): Location[] {
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
