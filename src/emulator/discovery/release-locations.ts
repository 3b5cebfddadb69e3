// A recorded cloud location as an older release shows it: Azure DevOps Server 2019/2020/2022 (issue 13).
// The recording is the cloud of January 2025 (maxVersion 7.2). A Server of maximum REST version M has only the
// resources that existed by M, each capped at M; a preview-only resource (releasedVersion 0.0, such as policy
// evaluations) stays preview-only (shared/reference/service-hooks-and-server.md §6).
import { rankOf } from '../protocol/api-version.js';
import type { ApiResourceLocation } from './api-resource-location.js';

function capped(version: string, ceiling: string): string {
  return rankOf(version) > rankOf(ceiling) ? ceiling : version;
}

/** The location as a release with maximum REST version `ceiling` serves it, or undefined if it lacks it. */
export function locationForRelease(
  location: ApiResourceLocation,
  ceiling: string,
): ApiResourceLocation | undefined {
  if (rankOf(location.minVersion) > rankOf(ceiling)) return undefined;
  return {
    ...location,
    maxVersion: capped(location.maxVersion, ceiling),
    releasedVersion: location.releasedVersion === '0.0' ? '0.0' : capped(location.releasedVersion, ceiling),
  };
}
