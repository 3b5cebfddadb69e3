// Bad input and refused credentials: a clear message, a defined exit code, never a stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../support/run-cli.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo' });
});

afterAll(() => emulator.close());

describe('azdo-requeue failures', () => {
  it('exits 3 with the exact YAML fix when no credential is mapped, before sending anything', async () => {
    const before = emulator.control.requestLog().length;

    const run = await runCli(['--org', emulator.orgUrl, '--project', 'Platform']);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('SYSTEM_ACCESSTOKEN: $(System.AccessToken)');
    expect(run.stderr).toContain('Allow scripts to access the OAuth token');
    expect(emulator.control.requestLog()).toHaveLength(before);
  });

  it('exits 3 and explains a rejected token (401)', async () => {
    const run = await runCli(['--org', emulator.orgUrl, '--project', 'Platform'], {
      env: { SYSTEM_ACCESSTOKEN: `wrong-${emulator.tokens.jobToken.slice(0, 12)}` },
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/401 Unauthorized/);
    expect(run.stderr).toContain('SYSTEM_ACCESSTOKEN: $(System.AccessToken)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('falls back to AZURE_DEVOPS_EXT_PAT with a warning that recommends the job token', async () => {
    const run = await runCli(['--org', emulator.orgUrl, '--project', 'Platform', '--dry-run'], {
      env: { AZURE_DEVOPS_EXT_PAT: emulator.tokens.pat },
    });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: using a personal access token: prefer the pipeline job token/);
  });

  it.each([
    [['--project', 'Platform', '--max-requeues', 'lots'], /--max-requeues must be a whole number/],
    [['--project', 'Platform', '--bogus'], /Unknown option '--bogus'/],
    [['--project', 'No Such Project'], /project "No Such Project" does not exist.*TF200016/],
    [['--project', 'Platform', '--repository', 'nope'], /repository "nope" was not found.*TF401019/],
  ])('exits 2 for %o', async (args, message) => {
    const run = await runCli(['--org', emulator.orgUrl, ...args], {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses plain http to a host that is not loopback, before any connection (exit 2)', async () => {
    const run = await runCli(['--org', 'http://dev.azure.com/fabrikam', '--project', 'p'], {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/credentials go only over https/);
  });

  it('writes the Markdown summary to --summary-file, creating its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    const path = join(dir, 'nested', 'summary.md');

    const run = await runCli(
      ['--org', emulator.orgUrl, '--project', 'Platform', '--dry-run', '--summary-file', path],
      {
        env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
      },
    );

    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toMatch(/^## azdo-requeue \(dry run/);
  });

  it('refuses a --summary-file that cannot be written before acting (exit 2, nothing run)', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'summary-')), 'a-file');
    writeFileSync(blocker, '');

    const run = await runCli(
      [
        '--org',
        emulator.orgUrl,
        '--project',
        'Platform',
        '--dry-run',
        '--summary-file',
        join(blocker, 'x.md'),
      ],
      { env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken } },
    );

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--summary-file .*x\.md cannot be written: .*a-file is not a folder/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help with examples, and the version', async () => {
    const help = await runCli(['--help']);
    const version = await runCli(['--version']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
