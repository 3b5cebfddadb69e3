// Under TF_BUILD the built CLI sends the job token only to the pipeline's organization (SYSTEM_COLLECTIONURI):
// another --org is refused with exit 2 and the fix, before any request, unless --allow-foreign-org (issue 16
// item 7). A PAT is the user's own choice and is not bound to the pipeline's organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWatchedCli } from './support/run-watched-cli.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo' });
});

afterAll(() => emulator.close());

describe('the job token in a pipeline', () => {
  const run = (extra: string[], env: Record<string, string> = {}) =>
    runWatchedCli(['--org', emulator.orgUrl, '--project', 'Contoso Web', '--dry-run', ...extra], {
      env: {
        TF_BUILD: 'True',
        SYSTEM_COLLECTIONURI: 'https://dev.azure.com/fabrikam-elsewhere/',
        SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken,
        ...env,
      },
    });

  it('is refused for an organization other than the pipeline one: exit 2, the fix, no request', async () => {
    emulator.control.reset();

    const refused = await run([]);

    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('the pipeline runs in https://dev.azure.com/fabrikam-elsewhere/');
    expect(refused.stderr).toContain('--allow-foreign-org');
    expect(emulator.control.requestLog()).toEqual([]);
  });

  it('goes there with --allow-foreign-org, and to its own organization without it', async () => {
    const allowed = await run(['--allow-foreign-org']);
    const home = await run([], { SYSTEM_COLLECTIONURI: `${emulator.orgUrl}/` });

    expect(allowed.code, allowed.stderr).toBe(0);
    expect(home.code, home.stderr).toBe(0);
  });
});
