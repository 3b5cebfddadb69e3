// Scenario files: the example in docs/emulator.md loads as documented; BOM, bad JSON and bad fields are reported.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, startEmulator } from '../../src/emulator/index.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-scenario-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function documentedExample(): Promise<string> {
  const doc = await readFile('docs/emulator.md', 'utf8');
  const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/emulator.md has no JSON example');
  return block;
}

describe('scenario files', () => {
  it('serves the example of docs/emulator.md (with a BOM) as documented', async () => {
    const file = join(dir, 'example.json');
    await writeFile(file, `\uFEFF${await documentedExample()}`);

    const emu = await startEmulator({ scenario: file });
    const state = emu.control.state();
    await emu.close();

    expect(emu.orgUrl).toMatch(/\/fabrikam$/);
    expect(state.pullRequests).toHaveLength(10_001);
    expect(state.identities.job.displayName).toBe('Contoso Web Build Service (fabrikam)');
    expect(state.access.referencedRepositoryIds).toHaveLength(2);
    const handWritten = state.evaluations.filter((e) => e.projectId === emu.projects[0]?.id && e.isBuild);
    expect(handWritten.map((e) => [e.label, e.status, e.isExpired])).toEqual([
      ['CI', 'queued', true],
      ['Nightly', 'running', false],
    ]);
  });

  it.each([
    ['not JSON', '{ nope', 'is not valid JSON'],
    [
      'a bad field',
      '{"projects":[{"name":"P","repositories":[{"name":"r","pullRequests":[{"targetBranch":"main","check":"old"}]}]}]}',
      'unknown check state "old"',
    ],
  ])('reports %s with the file name', async (_name, text, message) => {
    const file = join(dir, 'bad.json');
    await writeFile(file, text);

    const loading = loadScenario(file);

    await expect(loading).rejects.toThrow(message);
    await expect(loadScenario(file)).rejects.toThrow(file);
  });
});
