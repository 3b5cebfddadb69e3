// The CI log scan (checklist E4) must catch a canary in any encoded form, and pass a clean log.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { makeCanaries } from '../support/canary.js';

const run = promisify(execFile);
const script = new URL('../../scripts/scan-log-for-canaries.ts', import.meta.url).pathname;

async function scan(log: string, canaries: readonly string[]): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'canary-scan-'));
  writeFileSync(join(dir, 'list'), `${canaries.join('\n')}\n`);
  writeFileSync(join(dir, 'log'), log);
  try {
    const { stdout } = await run('npx', ['tsx', script, join(dir, 'list'), join(dir, 'log')]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe('scripts/scan-log-for-canaries', () => {
  it('passes a log that holds no canary', async () => {
    const { all } = makeCanaries();

    const result = await scan('Tests 12 passed\nazdo-requeue: Bearer ***\n', all);

    expect(result).toMatchObject({ code: 0 });
    expect(result.output).toMatch(/3 canaries, 1 files, no leak/);
  });

  it('fails on a canary hidden in a Basic header, and says where without printing it', async () => {
    const { pat, all } = makeCanaries();

    const result = await scan(
      `curl -H "Authorization: Basic ${Buffer.from(`:${pat}`).toString('base64')}"\n`,
      all,
    );

    expect(result.code).toBe(1);
    expect(result.output).toMatch(/log: base64\(":"\+t\) at 30/);
    expect(result.output).not.toContain(pat);
  });

  it('fails when the tests listed no canary at all (the sweep did not run)', async () => {
    const result = await scan('nothing\n', []);

    expect(result.code).toBe(1);
    expect(result.output).toMatch(/listed no canary/);
  });
});
