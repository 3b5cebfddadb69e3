// `npx azdo-requeue emulator` through the real bin: the printed tokens are usable as they are (they are the
// emulator's own throwaway credentials, so its output is not masked), and SIGTERM stops it with exit 0.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

import { describe, expect, it } from 'vitest';

import type { JsonReport } from '../../src/reporting/json-report.js';
import { CLI_PATH, runCli } from '../support/run-cli.js';

interface Announcement {
  readonly orgUrl: string;
  readonly projects: readonly { readonly name: string }[];
  readonly tokens: { readonly jobToken: string; readonly pat: string };
}

describe('azdo-requeue emulator (the real bin)', () => {
  it('prints one JSON line whose tokens authenticate, then stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [CLI_PATH, 'emulator', '--json', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const announced = JSON.parse(line) as Announcement;
      expect(announced.tokens.jobToken).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]*$/);
      expect(announced.tokens.pat).toMatch(/^[a-z2-7]{52}$/);

      const run = await runCli(
        ['--org', announced.orgUrl, '--all-projects', '--dry-run', '--output', 'json'],
        {
          env: { SYSTEM_ACCESSTOKEN: announced.tokens.jobToken },
        },
      );
      const basic = Buffer.from(`:${announced.tokens.pat}`).toString('base64');
      const withPat = await fetch(`${announced.orgUrl}/_apis/projects?api-version=7.1`, {
        headers: { authorization: `Basic ${basic}`, 'x-tfs-fedauthredirect': 'Suppress' },
      });

      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as JsonReport).summary.pullRequests).toBeGreaterThan(0);
      expect(withPat.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
