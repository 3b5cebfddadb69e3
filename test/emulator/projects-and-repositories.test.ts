// Projects (continuation paging, get by name or GUID) and repositories (list, get by name or GUID) (§3.1, §3.2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { call, items, record } from './support/emulator-http.js';

const SCENARIO: Scenario = {
  projects: ['One', 'Two', 'Three', 'Four', 'Five'].map((name) => ({
    name,
    repositories: [{ name: `${name.toLowerCase()}-app` }, { name: `${name.toLowerCase()}-lib` }],
  })),
};

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ scenario: SCENARIO });
});

afterAll(async () => {
  await emu.close();
});

describe('projects (§3.1)', () => {
  it('pages with $top and the x-ms-continuationtoken header until it is absent', async () => {
    const names: unknown[] = [];
    let token: string | null = '';
    let pages = 0;

    while (token !== null) {
      const answer = await call(
        emu,
        `/_apis/projects?$top=2${token === '' ? '' : `&continuationToken=${token}`}`,
      );
      names.push(...items(answer.json).map((p) => p['name']));
      token = answer.headers.get('x-ms-continuationtoken');
      pages += 1;
    }

    expect(pages).toBe(3);
    expect(names).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
  });

  it('gets a project by name in any case or by GUID, with links and capabilities when asked', async () => {
    const id = emu.projects[2]?.id ?? '';

    const byName = await call(emu, '/_apis/projects/THREE?includeCapabilities=true');
    const byId = await call(emu, `/_apis/projects/${id.toUpperCase()}`);

    expect(record(byName.json)['id']).toBe(id);
    expect(record(byName.json)).toHaveProperty('capabilities.versioncontrol.sourceControlType', 'Git');
    expect(record(byId.json)).toHaveProperty('_links.web.href', `${emu.orgUrl}/Three`);
  });
});

describe('repositories (§3.2)', () => {
  it('lists a project’s repositories and the whole organization’s', async () => {
    const project = await call(emu, '/two/_apis/git/repositories');
    const organization = await call(emu, '/_apis/git/repositories');

    expect(items(project.json).map((r) => r['name'])).toEqual(['two-app', 'two-lib']);
    expect(items(organization.json)).toHaveLength(10);
  });

  it('gets a repository by name in any case or by GUID, with its project', async () => {
    const list = items((await call(emu, '/Four/_apis/git/repositories')).json);
    const id = String(list[1]?.['id']);

    const byName = await call(emu, '/Four/_apis/git/repositories/FOUR-LIB');
    const byId = await call(emu, `/_apis/git/repositories/${id}`);

    expect(record(byName.json)['id']).toBe(id);
    expect(record(byId.json)).toHaveProperty('project.name', 'Four');
    expect(record(byId.json)['remoteUrl']).toContain('/Four/_git/four-lib');
  });
});
