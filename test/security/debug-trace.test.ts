// The --debug HTTP trace prints an allow-list of headers only, redacts every query value but api-version, never
// prints a body, and carries no credential (checklist B7). Nothing in src/ prints through console or
// util.inspect, where an undici Headers object would show Authorization in clear.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { assertNoLeak, makeJwt, makeOpaqueToken } from '../support/canary.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';
import { runWatchedCli } from './support/run-watched-cli.js';

const cookie = makeOpaqueToken(40);
const userData = `${makeOpaqueToken(12)}:someone@example.com`;
let organization: RecordingServer;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo' });
  // A stand-in organization whose answers carry headers that must never be printed.
  organization = await startRecordingServer((_request, response) => {
    response.statusCode = 401;
    response.setHeader('set-cookie', `VstsSession=${cookie}; path=/; secure; httponly`);
    response.setHeader('x-vss-userdata', userData);
    response.setHeader('x-tfs-session', '7f3c2b1a-0000-4000-8000-000000000001');
    response.setHeader('www-authenticate', 'Bearer authorization_uri=https://login.microsoftonline.com/x');
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ message: `echo ${cookie}` }));
  });
});

afterAll(async () => {
  await Promise.all([emulator.close(), organization.close()]);
});

describe('--debug trace', () => {
  it('prints allow-listed headers only, REDACTED for the rest, and no credential or body', async () => {
    const token = makeJwt();

    const run = await runWatchedCli(
      ['doctor', '--org', `${organization.origin}/fabrikam`, '--project', 'p', '--debug'],
      {
        env: { SYSTEM_ACCESSTOKEN: token },
      },
    );
    const answer = run.stderr.split('\n').find((line) => line.includes('debug: <-- 401'));

    expect(run.code).toBe(3);
    expect(answer).toBeDefined();
    const headers = JSON.parse(
      answer?.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1) ?? '{}',
    ) as Record<string, string>;
    expect(headers).toMatchObject({
      'set-cookie': 'REDACTED',
      'x-vss-userdata': 'REDACTED',
      'x-tfs-session': '7f3c2b1a-0000-4000-8000-000000000001',
      'www-authenticate': 'Bearer authorization_uri=https://login.microsoftonline.com/x',
    });
    expect(run.stderr).not.toContain('someone@example.com');
    assertNoLeak({ stderr: run.stderr, stdout: run.stdout }, token);
    // The body quotes the cookie: stdout may show the server's message, the trace never shows a body.
    assertNoLeak({ trace: run.stderr }, cookie);
    expect(answer).toMatch(/ body \d+ B$/);
  });

  it('redacts every query value except api-version', async () => {
    const run = await runWatchedCli(
      ['--org', emulator.orgUrl, '--project', 'Contoso Web', '--dry-run', '--debug'],
      {
        env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
      },
    );
    const pullRequests = run.stderr
      .split('\n')
      .find((line) => line.includes('debug: --> GET') && line.includes('pullrequests'));

    expect(run.code, run.stderr).toBe(0);
    expect(pullRequests).toMatch(
      /searchCriteria\.status=REDACTED&%24top=REDACTED&%24skip=REDACTED&api-version=7\.1 /,
    );
    expect(run.stderr).toMatch(/policy\/evaluations\?artifactId=REDACTED/);
    assertNoLeak({ stderr: run.stderr }, emulator.tokens.jobToken);
  });
});

describe('no printing around the redactor', () => {
  it('src/ never calls console.* or util.inspect (only the CLI writers and injected loggers print)', async () => {
    const root = join(import.meta.dirname, '..', '..', 'src');
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const offenders: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const path = join(entry.parentPath, entry.name);
      const code = (await readFile(path, 'utf8'))
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//') && !line.trimStart().startsWith('*'))
        .join('\n');
      if (/\bconsole\.(log|error|warn|info|debug|trace|dir)\(|\binspect\(/.test(code))
        offenders.push(path.slice(root.length + 1));
    }

    expect(offenders).toEqual([]);
  });
});
