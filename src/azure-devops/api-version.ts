// REST api-versions as the service spells them, `{major}.{minor}[-preview[.{resourceVersion}]]`, and the order
// between them (reference §1.2). A location's "0.0" releasedVersion means "never released".

export interface ApiVersion {
  readonly major: number;
  readonly minor: number;
  /** Absent for a released version; `0` for a bare `-preview`, else the `.N` of `-preview.N`. */
  readonly preview?: number;
}

const PATTERN = /^(\d+)\.(\d+)(?:-preview(?:\.(\d+))?)?$/i;

export function parseApiVersion(text: string): ApiVersion | undefined {
  const match = PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const release = { major: Number(match[1]), minor: Number(match[2]) };
  if (!/-preview/i.test(text)) return release;
  return { ...release, preview: match[3] === undefined ? 0 : Number(match[3]) };
}

export function formatApiVersion(version: ApiVersion): string {
  const release = `${version.major}.${version.minor}`;
  if (version.preview === undefined) return release;
  return version.preview === 0 ? `${release}-preview` : `${release}-preview.${version.preview}`;
}

/** Orders by major.minor only; the preview part is not a release of its own. */
export function compareRelease(a: ApiVersion, b: ApiVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** The lower of two releases (major.minor), without any preview part. */
export function lowerRelease(a: ApiVersion, b: ApiVersion): ApiVersion {
  const lower = compareRelease(a, b) <= 0 ? a : b;
  return { major: lower.major, minor: lower.minor };
}

/** "0.0" (or anything unreadable) is the service's way of saying a resource was never released. */
export function isReleased(version: ApiVersion | undefined): version is ApiVersion {
  return version !== undefined && (version.major > 0 || version.minor > 0);
}
