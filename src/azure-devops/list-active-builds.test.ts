import { describe, expect, it } from 'vitest';

import { scriptedBuildPages } from '../../test/support/scripted-build-pages.js';
import type { HttpResponse } from '../http/types.js';
import type { GetJson } from './get-json.js';
import { listActiveBuilds } from './list-active-builds.js';
import { parseActiveBuild } from './parse-build.js';

const org = 'https://dev.azure.com/fabrikam';
const project = { id: '6f1c2c4e-0000-4000-8000-000000000001', name: 'Fabrikam' };

function aBuild(id: number, definitionId = 7, status = 'inProgress') {
  return { id, status, definition: { id: definitionId, name: 'PR build' }, reason: 'pullRequest' };
}

describe('listActiveBuilds', () => {
  it('asks for queued and running builds of the definitions in one call, api-version 7.1', async () => {
    const { get, urls } = scriptedBuildPages([{ builds: [aBuild(1), aBuild(2, 8, 'notStarted')] }]);

    const builds = await listActiveBuilds(get, org, project, [7, 8]);

    expect(builds).toEqual([
      { id: 1, definitionId: 7, status: 'inProgress' },
      { id: 2, definitionId: 8, status: 'notStarted' },
    ]);
    expect(urls).toHaveLength(1);
    expect(urls[0]?.pathname).toBe(`/fabrikam/${project.id}/_apis/build/builds`);
    expect(Object.fromEntries(urls[0]?.searchParams ?? [])).toEqual({
      definitions: '7,8',
      statusFilter: 'inProgress,notStarted',
      $top: '1000',
      'api-version': '7.1',
    });
  });

  it('follows x-ms-continuationtoken and counts a build seen on two pages once', async () => {
    const { get, urls } = scriptedBuildPages([
      { builds: [aBuild(3), aBuild(2)], token: 'next-1' },
      { builds: [aBuild(2), aBuild(1)] },
    ]);

    const builds = await listActiveBuilds(get, org, project, [7]);

    expect(builds.map((b) => b.id)).toEqual([3, 2, 1]);
    expect(urls[1]?.searchParams.get('continuationToken')).toBe('next-1');
  });

  it('stops with a failure when the continuation token does not advance', async () => {
    const { get } = scriptedBuildPages([
      { builds: [aBuild(1)], token: 'same' },
      { builds: [aBuild(2)], token: 'same' },
    ]);

    await expect(listActiveBuilds(get, org, project, [7])).rejects.toMatchObject({ code: 'bad-paging' });
  });

  it('stops with a failure when a continuation token comes back two pages later', async () => {
    const { get, urls } = scriptedBuildPages([
      { builds: [aBuild(1)], token: 'a' },
      { builds: [aBuild(2)], token: 'b' },
      { builds: [aBuild(3)], token: 'a' },
      { builds: [aBuild(4)], token: 'b' },
    ]);

    await expect(listActiveBuilds(get, org, project, [7])).rejects.toMatchObject({ code: 'bad-paging' });
    expect(urls).toHaveLength(3);
  });

  it('stops with a failure on a page without a new build that still asks for another', async () => {
    const { get } = scriptedBuildPages([
      { builds: [aBuild(1)], token: 'a' },
      { builds: [], token: 'b' },
      { builds: [aBuild(2)] },
    ]);

    await expect(listActiveBuilds(get, org, project, [7])).rejects.toMatchObject({ code: 'bad-paging' });
  });

  it('stops with too-many-items when the pages of new builds never end', async () => {
    const urls: URL[] = [];
    const get: GetJson = (url) => {
      urls.push(url);
      const builds = Array.from({ length: 1000 }, (_, i) => aBuild(urls.length * 1000 + i));
      const response = {
        status: 200,
        headers: { 'x-ms-continuationtoken': `t${urls.length}` },
      } as unknown as HttpResponse;
      return Promise.resolve({ body: { value: builds }, response });
    };

    await expect(listActiveBuilds(get, org, project, [7], undefined, 5000)).rejects.toMatchObject({
      code: 'too-many-items',
    });
    expect(urls).toHaveLength(6);
  });

  it('splits very long definition lists so every URL stays short', async () => {
    const { get, urls } = scriptedBuildPages([]);
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);

    await listActiveBuilds(get, org, project, ids);

    expect(urls.map((url) => url.searchParams.get('definitions')?.split(',').length)).toEqual([100, 50]);
  });
});

describe('parseActiveBuild', () => {
  it('ignores a build that finished while the list was built', () => {
    expect(parseActiveBuild(aBuild(1, 7, 'completed'))).toBeUndefined();
  });

  it('names the missing field of a malformed build', () => {
    expect(() => parseActiveBuild({ id: 5 })).toThrow(/build 5 has no definition/);
    expect(() => parseActiveBuild([])).toThrow(/not an object/);
  });
});
