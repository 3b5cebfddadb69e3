// The version chosen for every resource the client calls, against the recorded OPTIONS answer of the cloud and
// that answer cut down to each Server release's ceiling (reference §2.3; service-hooks-and-server.md §6).
import { describe, expect, it } from 'vitest';

import { areaLocations, RECORDED_LOCATIONS } from '../../test/support/recorded-locations.js';
import { API_RESOURCES } from './api-resources.js';
import {
  capAtCeiling,
  chooseApiVersion,
  highestMaxVersion,
  readResourceLocations,
} from './choose-api-version.js';

const cloud = readResourceLocations({ value: RECORDED_LOCATIONS });

/** What `OPTIONS {collection}/_apis/{area}` answers on a release with this ceiling (the cloud by default). */
function areaOf(area: string, ceiling?: string) {
  return readResourceLocations({ value: areaLocations(area, ceiling) });
}

describe('chooseApiVersion', () => {
  it('reads the recorded answer: hundreds of locations, versions as strings', () => {
    expect(cloud.length).toBeGreaterThan(700);
    expect(areaOf('policy').find((l) => l.resourceName === 'evaluations')).toMatchObject({
      maxVersion: '7.2',
      releasedVersion: '0.0',
      resourceVersion: 1,
    });
  });

  it('keeps the written version of every resource on the cloud', () => {
    for (const resource of API_RESOURCES) {
      const locations = areaOf(resource.area);
      expect(chooseApiVersion(resource.writtenFor, resource.resourceName, locations), resource.route).toBe(
        resource.writtenFor,
      );
    }
  });

  it.each([
    ['Server 2019', '5.0'],
    ['Server 2019.1', '5.1'],
    ['Server 2020', '6.0'],
    ['Server 2022', '7.0'],
    ['Server 2022.1', '7.1'],
  ])('%s (REST %s): released resources at the ceiling, preview-only ones as its preview.1', (_, ceiling) => {
    const chosen = Object.fromEntries(
      API_RESOURCES.map((r) => [
        r.route,
        chooseApiVersion(r.writtenFor, r.resourceName, areaOf(r.area, ceiling)),
      ]),
    );
    expect(chosen).toEqual({
      projects: ceiling,
      'git/repositories': ceiling,
      'git/pullrequests': ceiling,
      'policy/evaluations': `${ceiling}-preview.1`,
      'policy/configurations': ceiling,
      'build/builds': ceiling,
      'hooks/subscriptions': ceiling,
      connectiondata: `${ceiling}-preview.1`,
      'security/permissionevaluationbatch': ceiling,
    });
  });

  it('prefers the highest released version over a newer preview of a released resource', () => {
    const location = { resourceName: 'Builds', minVersion: '2.0', maxVersion: '7.1', releasedVersion: '7.0' };
    expect(chooseApiVersion('7.1', 'builds', [{ ...location, resourceVersion: 7 }])).toBe('7.0');
  });

  it('sends a never-released resource as a preview, its number capped by written and by the server', () => {
    const location = { resourceName: 'thing', minVersion: '1.0', maxVersion: '6.0', releasedVersion: '0.0' };
    expect(chooseApiVersion('7.1', 'thing', [{ ...location, resourceVersion: 3 }])).toBe('6.0-preview.3');
    expect(chooseApiVersion('7.1-preview.3', 'thing', [{ ...location, resourceVersion: 2 }])).toBe(
      '6.0-preview.2',
    );
    expect(chooseApiVersion('5.1-preview.1', 'thing', [{ ...location, resourceVersion: 2 }])).toBe(
      '5.1-preview.1',
    );
  });

  it('takes the newest of several locations with one name (old 1.0-only routes)', () => {
    const pullRequests = areaOf('git').filter((l) => l.resourceName === 'pullRequests');
    expect(pullRequests.some((l) => l.maxVersion === '1.0')).toBe(true);
    expect(chooseApiVersion('7.1', 'pullRequests', [...pullRequests].reverse())).toBe('7.1');
  });

  it('gives nothing for a resource the server lacks or only in versions above what the client knows', () => {
    expect(chooseApiVersion('7.1', 'no-such-resource', areaOf('git'))).toBeUndefined();
    const tooNew = { resourceName: 'x', minVersion: '7.2', maxVersion: '7.2', releasedVersion: '0.0' };
    expect(chooseApiVersion('7.1', 'x', [{ ...tooNew, resourceVersion: 1 }])).toBeUndefined();
  });

  it('reads versions sent as numbers and skips entries without a version', () => {
    const locations = readResourceLocations({
      value: [
        { resourceName: 'projects', minVersion: 1, maxVersion: 5, releasedVersion: 5, resourceVersion: 4 },
        { resourceName: 'broken' },
        'not an object',
      ],
    });
    expect(locations).toHaveLength(1);
    expect(chooseApiVersion('7.1', 'projects', locations)).toBe('5.0');
    expect(readResourceLocations({ value: null })).toEqual([]);
    expect(readResourceLocations('<html>')).toEqual([]);
  });
});

describe('capAtCeiling and highestMaxVersion', () => {
  it('caps the written version at a stated ceiling, a preview staying a preview', () => {
    const ceiling = { major: 6, minor: 0 };
    expect(capAtCeiling('7.1', ceiling)).toBe('6.0');
    expect(capAtCeiling('7.1-preview.1', ceiling)).toBe('6.0-preview.1');
    expect(capAtCeiling('5.1', ceiling)).toBe('5.1');
  });

  it("names the REST version of a release from one area's answer", () => {
    expect(highestMaxVersion(areaOf('core'))).toBe('7.2');
    expect(highestMaxVersion(areaOf('core', '6.0'))).toBe('6.0');
    expect(highestMaxVersion([])).toBeUndefined();
  });
});
