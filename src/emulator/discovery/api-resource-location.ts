// One resource location record (§2.3) and the one-line form the recorded tables keep it in.

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

/** Parses one line of the recorded tables (`locations-*.ts`). */
export function parseLocationLine(line: string): ApiResourceLocation {
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
