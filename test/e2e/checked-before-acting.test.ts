// Input that cannot work is refused before the first request (exit 2), and a branch prefix pattern requeues the
// pull requests into the matching branches instead of silently matching nothing (issue 15.F, 15.G).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { runCli } from '../support/run-cli.js';

let emulator: RunningEmulator;
let folder: string;
let aFile: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'azdo-requeue-before-acting-'));
  aFile = join(folder, 'a-file');
  writeFileSync(aFile, '');
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 40, projects: 1, expiredFraction: 0.6, manualFraction: 0.4, seed: 5 },
    },
  });
});

afterAll(async () => {
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
});

function run(args: readonly string[]) {
  return runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json', ...args], {
    env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    timeoutMs: 30_000,
  });
}

describe('refused before the first request (exit 2)', () => {
  it.each([
    ['a --summary-file that is a directory', () => ['--summary-file', folder], /is a directory/],
    [
      'a --summary-file below a file, where no folder can be made',
      () => ['--summary-file', join(aFile, 'missing', 'summary.md')],
      /is not a folder/,
    ],
    ['a malformed branch pattern', () => ['--target-branch', 'rel*ease'], /may only end a branch pattern/],
  ])('%s', async (_what, args, message) => {
    emulator.control.reset();

    const result = await run(args());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(emulator.control.requestLog()).toEqual([]);
  });
});

describe('--target-branch with a prefix pattern', () => {
  it('requeues exactly the expired checks of pull requests into the matching branches', async () => {
    emulator.control.reset();
    const expected = expectedRequeues(emulator.control.state(), {
      includeManual: true,
      targetRefName: 'refs/heads/release',
    });

    const result = await run(['--target-branch', 'rel*', '--include-manual']);

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.pullRequests.every((pr) => pr.targetBranch === 'refs/heads/release')).toBe(true);
    expect(expected.size).toBeGreaterThan(3);
    const requeued = emulator.control.requeues().map((record) => record.evaluationId);
    expect(new Set(requeued)).toEqual(expected);
    expect(requeued).toHaveLength(expected.size);
  });
});
