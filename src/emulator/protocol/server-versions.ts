// The releases the emulator can be: Azure DevOps Server 2019, 2020, 2022 or the cloud, and what each speaks.
// Facts: shared/reference/service-hooks-and-server.md §6 (maximum REST version per release, collection URLs).

export type ServerVersion = '2019' | '2020' | '2022' | 'cloud';

export const SERVER_VERSIONS: readonly ServerVersion[] = ['2019', '2020', '2022', 'cloud'];

/** The highest REST API version each release accepts (2019.1 and 2022.1 raised these; the emulator is the .0). */
const MAX_API_VERSIONS: Record<ServerVersion, string> = {
  '2019': '5.0',
  '2020': '6.0',
  '2022': '7.0',
  cloud: '7.2',
};

/** The collection a Server serves by default, under the `tfs` virtual directory. */
export const SERVER_COLLECTION_SEGMENTS: readonly string[] = ['tfs', 'DefaultCollection'];

export function isServerVersion(text: string): text is ServerVersion {
  return (SERVER_VERSIONS as readonly string[]).includes(text);
}

export function maxApiVersionOf(version: ServerVersion): string {
  return MAX_API_VERSIONS[version];
}

/** The path of the collection: `tfs/DefaultCollection` on a Server, the organization's name in the cloud. */
export function collectionSegments(version: ServerVersion, organization: string): readonly string[] {
  return version === 'cloud' ? [organization] : SERVER_COLLECTION_SEGMENTS;
}
