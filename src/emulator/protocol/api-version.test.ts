import { describe, expect, it } from 'vitest';
import {
  negotiateApiVersion,
  parseApiVersion,
  requestedApiVersion,
  type VersionRule,
} from './api-version.js';
import { ServiceError } from './service-errors.js';

const EVALUATIONS: VersionRule = {
  minVersion: '2.0',
  releasedVersion: '0.0',
  resourceVersion: 1,
  routeTemplate: 'r',
};
const PULL_REQUESTS: VersionRule = {
  minVersion: '1.0',
  releasedVersion: '7.1',
  resourceVersion: 2,
  routeTemplate: 'r',
};

function typeKeyOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ServiceError) return error.typeKey;
    throw error;
  }
  return 'none';
}

describe('parseApiVersion', () => {
  it.each([
    ['7.1', { major: 7, minor: 1, isPreview: false }],
    ['7.1-preview', { major: 7, minor: 1, isPreview: true }],
    ['5.0-preview.1', { major: 5, minor: 0, isPreview: true, resourceVersion: 1 }],
  ])('parses %s', (text, expected) => {
    expect(parseApiVersion(text)).toEqual(expected);
  });

  it.each(['7', 'seven', '7.1-beta', '7.1-preview.x', ''])('rejects %s', (text) => {
    expect(parseApiVersion(text)).toBeUndefined();
  });
});

describe('requestedApiVersion', () => {
  it('prefers the query and falls back to the Accept parameter in either spacing', () => {
    const query = new Map([['api-version', '7.1']]);

    expect(requestedApiVersion(query, 'application/json;api-version=5.0')).toBe('7.1');
    expect(requestedApiVersion(new Map(), 'application/json; api-version=7.2-preview.1')).toBe(
      '7.2-preview.1',
    );
    expect(requestedApiVersion(new Map(), 'application/json')).toBeUndefined();
  });
});

describe('negotiateApiVersion', () => {
  it.each([
    ['7.1-preview.1', EVALUATIONS],
    ['7.2-preview', EVALUATIONS],
    ['5.0', PULL_REQUESTS],
    ['7.1', PULL_REQUESTS],
    ['7.2-preview.2', PULL_REQUESTS],
  ])('accepts %s and echoes it', (version, rule) => {
    expect(negotiateApiVersion(version, 'GET', rule)).toBe(version);
  });

  it.each([
    ['7.1', EVALUATIONS, 'VssInvalidPreviewVersionException'],
    ['7.2', PULL_REQUESTS, 'VssInvalidPreviewVersionException'],
    ['7.3', PULL_REQUESTS, 'VssVersionOutOfRangeException'],
    ['8.0-preview.1', EVALUATIONS, 'VssVersionOutOfRangeException'],
    ['1.0-preview.1', EVALUATIONS, 'VssVersionOutOfRangeException'],
    ['7.1-preview.3', PULL_REQUESTS, 'VssVersionOutOfRangeException'],
    ['7.x', PULL_REQUESTS, 'VssInvalidApiResourceVersionException'],
  ])('refuses %s', (version, rule, typeKey) => {
    expect(typeKeyOf(() => negotiateApiVersion(version, 'GET', rule))).toBe(typeKey);
  });

  it('uses the latest released version for a GET without one, and refuses a PATCH without one', () => {
    expect(negotiateApiVersion(undefined, 'GET', PULL_REQUESTS)).toBe('7.1');
    expect(negotiateApiVersion(undefined, 'GET', EVALUATIONS)).toBe('7.2-preview.1');
    expect(typeKeyOf(() => negotiateApiVersion(undefined, 'PATCH', EVALUATIONS))).toBe(
      'VssVersionNotSpecifiedException',
    );
  });
});
