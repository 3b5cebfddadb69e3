// `npm run package` as a new user runs it: the VSIX holds the manifest, the overview, the icons and the task, and
// the task runs from the extracted VSIX alone, with no node_modules anywhere above it (issue #6, deliverable 3).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import {
  bundleTaskInto,
  completion,
  makeTemporaryDirectory,
  removeTemporaryDirectories,
  REPOSITORY_ROOT,
  runBundledTask,
} from './support/task-harness.js';
import { TASK_SCENARIO } from './support/task-scenario.js';

let vsix: JSZip;
let vsixPath: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  const taskDirectory = await bundleTaskInto('azdo-requeue-vsix-task-');
  const outDirectory = await makeTemporaryDirectory('azdo-requeue-vsix-');
  const packaging = promisify(execFile)(process.execPath, [
    join(REPOSITORY_ROOT, 'scripts', 'package-vsix.mjs'),
    '--task-dir',
    taskDirectory,
    '--out-dir',
    outDirectory,
  ]);
  [, emulator] = await Promise.all([packaging, startEmulator({ scenario: TASK_SCENARIO })]);
  const name = readdirSync(outDirectory).find((file) => file.endsWith('.vsix'));
  vsixPath = join(outDirectory, name ?? 'missing.vsix');
  vsix = await JSZip.loadAsync(await readFile(vsixPath));
});
// Temporary folders first: they go even when the setup failed before the emulator started.
afterAll(async () => {
  await removeTemporaryDirectories();
  await emulator.close();
});

const files = (): string[] =>
  Object.values(vsix.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name)
    .sort();

async function json(path: string): Promise<Record<string, unknown>> {
  const text = (await vsix.file(path)?.async('string')) ?? '{}';
  return JSON.parse(text) as Record<string, unknown>;
}

describe('the VSIX built by npm run package', () => {
  it('holds the manifests, the overview, the icons and the bundled task, and nothing else', () => {
    expect(files()).toEqual([
      'AzdoRequeue/icon.png',
      'AzdoRequeue/main.js',
      'AzdoRequeue/package.json',
      'AzdoRequeue/task.json',
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension.vsomanifest',
      'images/extension-icon.png',
      'overview.md',
    ]);
    expect(statSync(vsixPath).size).toBeLessThan(1024 * 1024);
  });

  it('contributes the AzdoRequeue task, version 1.x on the Node20_1 handler, matching the extension version', async () => {
    const task = await json('AzdoRequeue/task.json');
    const contributions = (await json('extension.vsomanifest'))['contributions'];
    const vsixManifest = (await vsix.file('extension.vsixmanifest')?.async('string')) ?? '';

    expect(task['name']).toBe('AzdoRequeue');
    expect(task['execution']).toEqual({ Node20_1: { target: 'main.js', argumentFormat: '' } });
    expect(task['version']).toEqual({
      Major: 1,
      Minor: expect.any(Number) as number,
      Patch: expect.any(Number) as number,
    });
    const { Major, Minor, Patch } = task['version'] as Record<string, number>;
    expect(vsixManifest).toContain(`Version="${Major}.${Minor}.${Patch}"`);
    expect(contributions).toEqual([
      {
        id: 'azdo-requeue-task',
        type: 'ms.vss-distributed-task.task',
        targets: ['ms.vss-distributed-task.tasks'],
        properties: { name: 'AzdoRequeue' },
      },
    ]);
    expect(await vsix.file('overview.md')?.async('string')).toMatch(/^# /);
  });

  it('runs from the extracted task folder alone and requeues the expired checks', async () => {
    const extracted = await makeTemporaryDirectory('azdo-requeue-extracted-');
    for (const path of files().filter((file) => file.startsWith('AzdoRequeue/'))) {
      const target = join(extracted, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(
        target,
        await (vsix.file(path)?.async('nodebuffer') ?? Promise.resolve(Buffer.alloc(0))),
      );
    }
    const taskDirectory = join(extracted, 'AzdoRequeue');
    for (let directory = taskDirectory; directory !== dirname(directory); directory = dirname(directory)) {
      expect(existsSync(join(directory, 'node_modules'))).toBe(false);
    }

    const run = await runBundledTask(taskDirectory, emulator);

    expect(run.stderr).toBe('');
    expect(completion(run).result).toBe('Succeeded');
    expect(emulator.control.requeues()).toHaveLength(4);
    expect(run.summary).toMatch(/^## azdo-requeue/);
  });
});
