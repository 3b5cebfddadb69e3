// Getting credentials in, seen from outside the built CLI: tokens come from the environment or stdin, never
// from argv (A1); stdin input is trimmed and multi-line values refused (A4); the credential used is explained,
// and a PAT warns exactly once (A5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { assertNoLeak, makeLegacyPat } from '../support/canary.js';
import { runWatchedCli } from './support/run-watched-cli.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo', tokens: { pat: makeLegacyPat() } });
});

afterAll(() => emulator.close());

const org = () => ['--org', emulator.orgUrl, '--project', 'Contoso Web', '--dry-run'];

describe('credential input', () => {
  it.each([
    ['a trailing CR LF', (pat: string) => `${pat}\r\n`],
    ['surrounding spaces', (pat: string) => `  ${pat}  \n`],
  ])('reads a PAT from stdin with %s, sends it as Basic and warns once', async (_name, decorate) => {
    const run = await runWatchedCli([...org(), '--pat-stdin'], { stdin: decorate(emulator.tokens.pat) });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/warning: using a personal access token/g)).toHaveLength(1);
    expect(emulator.control.requestLog().at(-1)?.scheme).toBe('Basic');
    assertNoLeak(
      { stdout: run.stdout, stderr: run.stderr, cmdline: run.cmdlines.join('\n') },
      emulator.tokens.pat,
    );
  });

  it('refuses a multi-line value on stdin before sending anything (exit 3)', async () => {
    const before = emulator.control.requestLog().length;

    const run = await runWatchedCli([...org(), '--pat-stdin'], {
      stdin: `${emulator.tokens.pat}\nsecond line\n`,
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('contains whitespace or several lines; expected one token');
    expect(emulator.control.requestLog()).toHaveLength(before);
  });

  it.each([['--token'], ['--pat'], ['--access-token'], ['--password']])(
    'has no %s option: a secret on the command line is a usage error (exit 2)',
    async (flag) => {
      const run = await runWatchedCli([...org(), flag, 'value']);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Unknown option '${flag}'`);
    },
  );

  it('explains which credential doctor used and why', async () => {
    const run = await runWatchedCli(['doctor', '--org', emulator.orgUrl, '--project', 'Contoso Web'], {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken, AZURE_DEVOPS_EXT_PAT: emulator.tokens.pat },
    });

    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('job-token from SYSTEM_ACCESSTOKEN, sent as Bearer (jwt token); expires in');
    expect(run.stdout).toContain(
      'why: SYSTEM_ACCESSTOKEN is set (the pipeline job token, first in the chain)',
    );
  });
});
