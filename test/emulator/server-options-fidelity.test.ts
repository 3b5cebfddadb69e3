// The Server modes' OPTIONS answers checked against the real recorded payload (shared/azdo-rest-specs/recorded):
// each served record is a recorded one, field for field, with only its version ceiling lowered.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type ServerVersion } from '../../src/emulator/index.js';
import { rank, type Location } from './support/locations.js';

const RECORDED = '/work/shared/azdo-rest-specs/recorded/options-locations.json';

/** The locations azdo-requeue and its clients depend on (reference §2.3): every release must have them. */
const REQUIRED = [
  'a5d28130-9cd2-40fa-9f08-902e7daa9efb',
  '01a46dea-7d46-4d40-bc84-319e7c260d99',
  '9946fd70-0d40-406e-b686-b4744cbbcc37',
  '225f7195-f9c7-4d14-ab28-a83f7ff77e1f',
  'c23ddff5-229c-4d04-a80b-0fdce9f360c8',
  '46aecb7a-5d2c-4647-897b-0209505a9fe4',
  'dad91cbe-d183-45f8-9c6e-9c1164472121',
  '603fe2ac-9723-48b9-88ad-09305aa6c6e1',
  '0cd358e1-9217-4d94-8269-1c1ee6f93dcf',
  '00d9565f-ed9c-4a06-9a50-00e7896ccab4',
  'e81700f7-3be2-46de-8624-2eb35882fcaa',
];

const recorded = new Map(
  (JSON.parse(readFileSync(RECORDED, 'utf8').replace(/^\uFEFF/, '')) as { value: Location[] }).value.map(
    (location) => [location.id, location],
  ),
);

let emu: RunningEmulator;
let cloud: Location[];

async function allLocations(): Promise<Location[]> {
  const response = await fetch(`${emu.collectionUrl}_apis`, {
    method: 'OPTIONS',
    headers: { authorization: `Bearer ${emu.tokens.jobToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: Location[] }).value;
}

beforeAll(async () => {
  emu = await startEmulator();
  cloud = await allLocations();
});

afterAll(async () => {
  await emu.close();
});

describe.each([
  ['2019', '5.0'],
  ['2020', '6.0'],
  ['2022', '7.0'],
] as [ServerVersion, string][])('OPTIONS of Server %s against the recording', (version, ceiling) => {
  let served: Location[];

  beforeAll(async () => {
    emu.control.setServerVersion(version);
    served = await allLocations();
  });

  it('serves recorded records with only maxVersion and releasedVersion lowered to the ceiling', () => {
    for (const location of served) {
      const original = recorded.get(location.id);
      expect(original, location.id).toBeDefined();
      if (original === undefined) continue;
      expect(location).toEqual({
        ...original,
        maxVersion: rank(original.maxVersion) > rank(ceiling) ? ceiling : original.maxVersion,
        releasedVersion:
          original.releasedVersion !== '0.0' && rank(original.releasedVersion) > rank(ceiling)
            ? ceiling
            : original.releasedVersion,
      });
    }
  });

  it("leaves out exactly the cloud's records that need a newer REST version, and keeps the needed ones", () => {
    const servedIds = new Set(served.map((location) => location.id));
    const expected = cloud.filter((location) => rank(location.minVersion) <= rank(ceiling));

    expect([...servedIds].sort()).toEqual(expected.map((location) => location.id).sort());
    expect(served.length).toBeLessThan(cloud.length);
    expect(REQUIRED.filter((id) => !servedIds.has(id))).toEqual([]);
  });
});
