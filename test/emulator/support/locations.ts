// What a test reads from an OPTIONS answer, and how it orders REST versions, for the Server-mode tests.

/** One ApiResourceLocation record as OPTIONS answers it (reference §2.3). */
export interface Location {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

/** `5.0-preview.1` → 5000: ranges compare major.minor only; NaN for anything else. */
export function rank(version: string): number {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match === null ? Number.NaN : Number(match[1]) * 1000 + Number(match[2]);
}
