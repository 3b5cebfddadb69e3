// A GetJson that answers Builds - List calls with scripted pages (continuation tokens included) and records the
// URLs asked for: the build listings' unit tests share it.
import type { GetJson } from '../../src/azure-devops/get-json.js';
import type { HttpResponse } from '../../src/http/types.js';

export interface ScriptedBuildPage {
  readonly builds: unknown[];
  /** Sent back as `x-ms-continuationtoken`: there is another page. */
  readonly token?: string;
}

/** Answers each call with the next page (an empty one once the script runs out). */
export function scriptedBuildPages(pages: readonly ScriptedBuildPage[]): { get: GetJson; urls: URL[] } {
  const urls: URL[] = [];
  const get: GetJson = (url) => {
    urls.push(url);
    const page = pages[urls.length - 1] ?? { builds: [] };
    const headers: Record<string, string> = page.token ? { 'x-ms-continuationtoken': page.token } : {};
    const response = { status: 200, headers, bodyText: '', request: {} } as unknown as HttpResponse;
    return Promise.resolve({ body: { count: page.builds.length, value: page.builds }, response });
  };
  return { get, urls };
}
