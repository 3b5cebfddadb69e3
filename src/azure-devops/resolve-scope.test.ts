import { describe, expect, it } from 'vitest';

import type { HttpResponse } from '../http/types.js';
import type { GetJson } from './get-json.js';
import { resolveScope } from './resolve-scope.js';

const ORG = 'https://dev.azure.com/fabrikam';
const P1 = '11111111-0000-4000-8000-000000000001';
const P2 = '22222222-0000-4000-8000-000000000002';

/** A scripted server: answers by URL path (and continuation token); records every URL asked. */
function server(pages: Record<string, { body: unknown; next?: string }>) {
  const asked: URL[] = [];
  const get: GetJson = (url) => {
    asked.push(url);
    const key = `${url.pathname}${url.searchParams.get('continuationToken') ? `#${url.searchParams.get('continuationToken')}` : ''}`;
    const page = pages[key];
    if (!page) return Promise.reject(new Error(`unexpected ${key}`));
    const headers = page.next ? { 'x-ms-continuationtoken': page.next } : {};
    return Promise.resolve({
      body: page.body,
      response: { status: 200, headers } as unknown as HttpResponse,
    });
  };
  return { get, asked };
}

const projectList = {
  value: [
    { id: P1, name: 'One' },
    { id: P2, name: 'Two' },
  ],
};
const repository = (id: string, name: string, projectId: string) => ({
  id,
  name,
  project: { id: projectId },
});

describe('resolveScope', () => {
  it('keeps every repository of that name in the projects in scope, from one organization-wide list', async () => {
    const { get, asked } = server({
      '/fabrikam/_apis/projects': { body: projectList },
      '/fabrikam/_apis/git/repositories': {
        body: {
          value: [repository('r1', 'web', P1), repository('r2', 'Web', P2), repository('r3', 'api', P1)],
        },
      },
    });

    const scope = await resolveScope(get, ORG, { projects: [], allProjects: true, repositories: ['web'] });

    expect(scope.repositories.map((r) => [r.id, r.projectId])).toEqual([
      ['r1', P1],
      ['r2', P2],
    ]);
    expect(asked.map((url) => url.pathname)).toEqual([
      '/fabrikam/_apis/projects',
      '/fabrikam/_apis/git/repositories',
    ]);
  });

  it('refuses a repository that is in no project in scope, naming TF401019 and the referenced-repositories limit', async () => {
    const { get } = server({
      '/fabrikam/_apis/projects/One': { body: { id: P1, name: 'One' } },
      '/fabrikam/_apis/git/repositories': { body: { value: [repository('r2', 'web', P2)] } },
    });

    const resolving = resolveScope(get, ORG, {
      projects: ['One'],
      allProjects: false,
      repositories: ['web'],
    });

    await expect(resolving).rejects.toMatchObject({ kind: 'config', code: 'TF401019' });
    await expect(resolving).rejects.toThrow(/limited to other repositories/);
  });

  it('follows the projects continuation token, and refuses one that does not advance', async () => {
    const { get } = server({
      '/fabrikam/_apis/projects': { body: { value: [{ id: P1, name: 'One' }] }, next: 'a' },
      '/fabrikam/_apis/projects#a': { body: { value: [{ id: P2, name: 'Two' }] }, next: 'a' },
    });

    await expect(
      resolveScope(get, ORG, { projects: [], allProjects: true, repositories: [] }),
    ).rejects.toMatchObject({
      code: 'bad-paging',
    });
  });

  it('names the call when a project answer lacks its id (not an internal error)', async () => {
    const { get } = server({ '/fabrikam/_apis/projects/One': { body: { name: 'One' } } });

    const resolving = resolveScope(get, ORG, { projects: ['One'], allProjects: false, repositories: [] });

    await expect(resolving).rejects.toMatchObject({ kind: 'other', code: 'bad-shape' });
    await expect(resolving).rejects.toThrow(
      /^read project "One": unexpected answer: project has no string "id"/,
    );
  });
});
