// Secrets are masked over the whole text before any cut or escape (decision 0004, issue 16 item 2): a server that
// echoes the job token in its error messages at every offset around the 500-character cut, raw, in base64 and in
// hex (both cases), and in pull request titles where Markdown would escape the token's `_`, leaves no piece of it
// in any sink: stdout, stderr, --debug, the JSON report, the Markdown summary, the uploaded summary, and the
// task's log, issues and summary. The Entra failure text is cut at 400 characters, after masking too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { describeEntraFailure } from '../../src/auth/entra-credential.js';
import { startEmulator, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';
import { createSecretRegistry } from '../../src/redaction/index.js';
import { runTask, type TaskHost } from '../../src/task/run-task.js';
import { systemClock } from '../../src/util/clock.js';
import { findFragments, makeOpaqueToken } from '../support/canary.js';
import { startPassThroughProxy, type PassThroughProxy } from '../support/pass-through-proxy.js';
import { readTree, runSurfaces } from './support/leak-surfaces.js';
import { runWatchedCli } from './support/run-watched-cli.js';

/** An opaque token with a `_`, which Markdown escapes; no shape pattern knows it, only the registry. */
const token = `${makeOpaqueToken(11)}_${makeOpaqueToken(12)}`;
const FORMS = [
  token,
  Buffer.from(token).toString('base64'),
  Buffer.from(token).toString('hex'),
  Buffer.from(token).toString('hex').toUpperCase(),
];
/** Where the client cuts a server message (create-http-error.ts). */
const CUT = 500;
/** Every form starting at every offset that puts the cut inside it. */
const MESSAGES = FORMS.flatMap((form) =>
  Array.from({ length: form.length + 1 }, (_, i) => `${'x'.repeat(CUT - form.length + i)}${form} tail`),
);

let emulator: RunningEmulator;
let echo: PassThroughProxy;
let echoOrg: string;
let directory: string;

beforeAll(async () => {
  const scenario: Scenario = {
    organization: 'fabrikam',
    projects: [
      {
        name: 'Echo',
        repositories: [
          {
            name: 'app',
            branches: [{ name: 'main', policies: [{ type: 'build', displayName: 'CI' }] }],
            pullRequests: MESSAGES.map((_, i) => ({
              title: `fix ${FORMS[i % FORMS.length] ?? ''} now`,
              targetBranch: 'main',
              check: 'expired' as const,
            })),
          },
        ],
      },
    ],
  };
  emulator = await startEmulator({ scenario, tokens: { jobToken: token } });
  echo = await startEchoingProxy(emulator.orgUrl);
  echoOrg = `${echo.origin}${new URL(emulator.orgUrl).pathname}`;
  directory = await mkdtemp(join(tmpdir(), 'azdo-requeue-cut-'));
});

afterAll(async () => {
  await echo.close();
  await emulator.close();
  await rm(directory, { recursive: true, force: true });
});

/** Passes everything to the emulator but answers each policy evaluation read with the next echoing 400. */
function startEchoingProxy(orgUrl: string): Promise<PassThroughProxy> {
  let next = 0;
  return startPassThroughProxy(new URL(orgUrl).origin, (incoming, outgoing) => {
    if (incoming.method !== 'GET' || !/policy\/evaluations/i.test(incoming.url ?? '')) return false;
    const message = MESSAGES[next++ % MESSAGES.length];
    outgoing.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    outgoing.end(JSON.stringify({ message, typeKey: `Echo_${token}` }));
    incoming.resume();
    return true;
  });
}

describe('a server echoing the token around every cut', () => {
  it.each([
    ['in a pipeline, JSON report and --debug', ['--output', 'json', '--debug']],
    ['text report', []],
  ])('leaves no piece of it in any sink of the CLI: %s', async (name, extra) => {
    const files = join(directory, name.replace(/\W+/g, '-'));
    const run = await runWatchedCli(
      ['--org', echoOrg, '--project', 'Echo', ...extra, '--summary-file', join(files, 'summary.md')],
      {
        env: {
          SYSTEM_ACCESSTOKEN: token,
          TF_BUILD: 'True',
          SYSTEM_COLLECTIONURI: echoOrg,
          AGENT_TEMPDIRECTORY: join(files, 'agent'),
        },
      },
    );

    expect(run.stdout.length, run.stderr).toBeGreaterThan(1000);
    expect(run.stdout + run.stderr).toContain('xxxx***');
    const leaks = findFragments({ ...runSurfaces(run), ...(await readTree(files)) }, token);
    expect(leaks).toEqual([]);
  });

  it('leaves no piece of it in the task log, its issues or its uploaded summary', async () => {
    const registry = createSecretRegistry();
    const sinks: Record<string, string> = { log: '', issues: '', summary: '', debug: '' };
    const host: TaskHost = {
      env: { AGENT_TEMPDIRECTORY: '/agent/_temp', BUILD_REASON: 'Schedule', SYSTEM_DEBUG: 'true' },
      getInput: (input) => ({ organization: echoOrg, projects: 'Echo' })[input],
      secretInput: () => undefined,
      endpointAuthorization: (id) =>
        id === 'SYSTEMVSSCONNECTION' ? { scheme: 'OAuth', parameters: { AccessToken: token } } : undefined,
      registerSecret: (secret) => registry.add(secret),
      // As create-task-lib-host.ts: every sink passes the registry last.
      publisher: {
        logIssue: (issue) => (sinks['issues'] += `${registry.redact(issue.message)}\n`),
        setProgress: () => undefined,
        uploadSummary: () => undefined,
        writeFile: (_path, content) => {
          sinks['summary'] += registry.redact(content);
          return Promise.resolve();
        },
      },
      log: (text) => (sinks['log'] += `${registry.redact(text)}\n`),
      debug: (text) => (sinks['debug'] += `${registry.redact(text)}\n`),
      redact: (text) => registry.redact(text),
      complete: (outcome) => (sinks['log'] += `${registry.redact(outcome.message)}\n`),
      clock: systemClock,
      version: '1.0.0',
    };

    await runTask(host);

    expect(sinks['summary']).toMatch(/\| \[!\d+ fix \\\*\\\*\\\* now\]/);
    expect(findFragments(sinks, token)).toEqual([]);
  });
});

describe('describeEntraFailure', () => {
  it('masks the managed identity header in every form before cutting at 400 characters', () => {
    const header = `${makeOpaqueToken(11)}_${makeOpaqueToken(12)}`;
    const forms = [header, Buffer.from(header).toString('base64'), Buffer.from(header).toString('hex')];
    const texts = forms.flatMap((form) =>
      Array.from({ length: form.length + 1 }, (_, i) =>
        describeEntraFailure(
          { kind: 'managed-identity', trigger: 'IDENTITY_ENDPOINT' },
          new Error(`${'x'.repeat(400 - form.length + i)}${form} tail`),
          [header],
        ),
      ),
    );

    expect(texts.some((text) => text.includes('x***'))).toBe(true);
    expect(findFragments({ texts: texts.join('\n') }, header)).toEqual([]);
  });
});
