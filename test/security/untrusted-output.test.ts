// Server text printed by the built CLI cannot inject logging commands or terminal escapes (checklist B9, B10):
// PR titles, branch names, author names and policy names carrying `##vso[`, `##[`, ANSI and bidi controls come
// out neutralised in the text, JSON and Markdown outputs, in a pipeline and outside one, and in doctor.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { runWatchedCli } from './support/run-watched-cli.js';

const scenario: Scenario = {
  organization: 'fabrikam',
  projects: [
    {
      name: 'Injection',
      repositories: [
        {
          name: 'app',
          branches: [
            {
              name: 'main',
              policies: [{ type: 'build', displayName: 'CI ##vso[task.complete result=Failed]' }],
            },
          ],
          pullRequests: [
            {
              title: 'Fix x ##VSO[task.setendpoint id=abc;field=url]https://evil.example',
              targetBranch: 'main',
              check: 'expired',
            },
            {
              title: '\u001b[31mred\u001b[0m \u202eevil\u202c ##[error]fake',
              sourceBranch: '##vso[task.setvariable variable=a]b',
              createdBy: 'Eve ##vso[task.addattachment]x',
              targetBranch: 'main',
              check: 'expired',
            },
          ],
        },
      ],
    },
  ],
};

/** The commands the CLI itself emits; anything else starting a line would be injected. */
const OUR_COMMANDS = /^##vso\[task\.(setsecret|logissue|setprogress|uploadsummary)[ \]]/;

/**
 * @param bidi also require bidi overrides to be escaped; the JSON report keeps them as data (JSON escapes C0/C1
 * only), which checklist B10 allows.
 */
function expectNeutralised(where: string, text: string, bidi = true): void {
  for (const line of text.split('\n')) {
    if (OUR_COMMANDS.test(line)) {
      // Our own command may quote server text, but only after its own `]`, where the agent does not look again.
      expect(line.slice(line.indexOf(']') + 1), `${where}: ${line}`).not.toMatch(/##(vso)?\[/i);
      continue;
    }
    expect(line, where).not.toMatch(/##(vso)?\[/i);
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  expect(text, where).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  if (bidi) expect(text, where).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
}

let emulator: RunningEmulator;
let directory: string;

beforeAll(async () => {
  emulator = await startEmulator({ scenario });
  directory = await mkdtemp(join(tmpdir(), 'azdo-requeue-injection-'));
});

afterAll(async () => {
  await emulator.close();
  await rm(directory, { recursive: true, force: true });
});

describe('untrusted server text in every output', () => {
  const org = () => ['--org', emulator.orgUrl, '--project', 'Injection'];
  const env = () => ({ SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken });

  it.each([
    ['text report', [] as string[], {}],
    ['JSON report', ['--output', 'json'], {}],
    ['in a pipeline', [] as string[], { TF_BUILD: 'True' }],
    ['doctor', ['doctor'], {}],
  ])('%s', async (name, extra, extraEnv) => {
    emulator.control.reset();
    const summary = join(directory, `${name.replace(/\W+/g, '-')}.md`);
    const args =
      extra[0] === 'doctor'
        ? ['doctor', ...org()]
        : [...org(), ...extra, '--dry-run', '--summary-file', summary];

    const run = await runWatchedCli(args, { env: { ...env(), ...extraEnv, AGENT_TEMPDIRECTORY: directory } });

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/evil|Injection/);
    expectNeutralised('stdout', run.stdout, name !== 'JSON report');
    expectNeutralised('stderr', run.stderr);
    if (extra[0] !== 'doctor') expectNeutralised('summary', await readFile(summary, 'utf8'));
  });
});
