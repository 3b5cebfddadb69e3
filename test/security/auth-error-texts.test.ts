// The error texts of the requeue command for each authentication or authorization answer of the emulator
// (checklist D4): each names what failed, the identity where the server told it, and the exact fix, readable
// on its own lines, and never advises switching a protection off. Doctor's texts: test/doctor and src/doctor.
//
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWatchedCli } from './support/run-watched-cli.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      identity: {
        jobTokenScope: 'project',
        jobProject: 'Contoso Web',
        referencedRepositories: ['web-app', 'api'],
        denied: [{ token: 'job', permission: 'PullRequestContribute' }],
      },
    },
  });
});

afterAll(() => emulator.close());

const run = (args: string[], token = emulator.tokens.jobToken) =>
  runWatchedCli(['--org', emulator.orgUrl, '--project', 'Contoso Web', ...args], {
    env: { SYSTEM_ACCESSTOKEN: token },
  });

describe('requeue error texts (D4)', () => {
  it('401: says the token was not accepted (exit 3)', async () => {
    const result = await run([], `x${emulator.tokens.jobToken.slice(1)}`);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'failed with 401 Unauthorized: the token is missing, expired or not accepted',
    );
    expect(result.stderr).not.toMatch(/disable|turn (it )?off/i);
  });

  it('the 401 fix keeps its own lines, so the YAML can be pasted', async () => {
    const result = await run([], `x${emulator.tokens.jobToken.slice(1)}`);

    expect(result.stderr).toContain('\n  env:\n    SYSTEM_ACCESSTOKEN: $(System.AccessToken)\n');
    expect(result.stderr).not.toContain('^J');
  });

  it('TF401019: names the repository and the referenced-repositories limit (exit 2)', async () => {
    emulator.control.reset();
    const result = await run(['--repository', 'docs']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('repository "docs" was not found in Contoso Web (TF401019)');
    expect(result.stderr).toContain('the job token is limited to other repositories');
  });

  it('a 403 TF401027 on a requeue names the identity and the exact fix', async () => {
    emulator.control.reset();
    const result = await run([]);

    expect(result.code).toBe(3);
    expect(result.stdout).toContain("identity 'Build\\");
    expect(`${result.stdout}${result.stderr}`).toMatch(
      /Contribute to pull requests.*Allow|azdo-requeue doctor/s,
    );
  });
});
