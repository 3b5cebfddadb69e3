// TLS verification is always on (checklist C6): nothing in src/ turns it off, a self-signed server makes the
// built CLI fail with a clear TLS error before any request is sent, trusting the CA the supported way
// (NODE_EXTRA_CA_CERTS) is what makes it work, and NODE_TLS_REJECT_UNAUTHORIZED=0 is refused outright.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { connectAzureDevOps, parseOrganizationUrl, resolveCredential, systemClock } from '../../src/index.js';
import { makeJwt } from '../support/canary.js';
import { useLocalHttps } from './support/local-https.js';
import { runWatchedCli } from './support/run-watched-cli.js';

/** Settings that switch certificate checks off, whatever the HTTP library. */
const FORBIDDEN = [
  /rejectUnauthorized\s*:\s*(false|0)/,
  /env(\.|\[['"])NODE_TLS_REJECT_UNAUTHORIZED['"]?\]?\s*=(?!=)/,
  /checkServerIdentity\s*:/,
  /ignoreSslError\s*:\s*true/,
  /allowInsecureConnection\s*:\s*true/,
  /setGlobalDispatcher|new\s+Agent\s*\(\s*\{[^}]*connect\s*:/,
];

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.includes('.test.'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('no source turns TLS verification off', () => {
  it('finds none of the forbidden settings in the sources under src/ and task/src/', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = [
      ...(await sourceFiles(join(root, 'src'))),
      ...(await sourceFiles(join(root, 'task', 'src')).catch(() => [])),
    ];
    const hits: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const pattern of FORBIDDEN)
        if (pattern.test(text)) hits.push(`${file.slice(root.length + 1)}: ${pattern.source}`);
    }

    expect(files.length).toBeGreaterThan(50);
    expect(hits).toEqual([]);
  });

  it('the patterns do catch what they are meant to (negative control)', () => {
    const samples = [
      'https.request({ rejectUnauthorized: false })',
      "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0'",
      'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"',
      'tls.connect({ checkServerIdentity: () => undefined })',
    ];

    for (const sample of samples)
      expect(
        FORBIDDEN.some((pattern) => pattern.test(sample)),
        sample,
      ).toBe(true);
  });
});

const tls = await useLocalHttps((_request, response) => {
  response.statusCode = 401;
  response.end();
});

describe.skipIf(!tls.available)('a server whose certificate is not trusted', () => {
  const org = () => `${tls.server.origin}/fabrikam`;
  const env = { SYSTEM_ACCESSTOKEN: makeJwt() };

  it('makes a run fail with a clear TLS error and exit 1, before any request reaches it', async () => {
    const run = await runWatchedCli(['--org', org(), '--project', 'p'], { env });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /network error (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/,
    );
    expect(tls.server.requests).toEqual([]);
  });

  it('makes doctor say how to trust the CA, never how to switch verification off (exit 2)', async () => {
    const run = await runWatchedCli(['doctor', '--org', org(), '--project', 'p'], { env });

    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/FAIL\s+Identity \[(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\]/);
    expect(run.stdout).toContain('NODE_EXTRA_CA_CERTS');
    expect(run.stdout).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized/);
    expect(tls.server.requests).toEqual([]);
  });

  it('reaches the server once its CA is trusted through NODE_EXTRA_CA_CERTS (the control case)', async () => {
    const run = await runWatchedCli(['doctor', '--org', org(), '--project', 'p'], {
      env: { ...env, NODE_EXTRA_CA_CERTS: tls.certificate.certPath },
    });

    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/FAIL\s+Identity \[HTTP 401\]/);
    expect(tls.server.requests.length).toBeGreaterThan(0);
    tls.server.requests.length = 0;
  });

  it('refuses to send a credential at all while NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const run = await runWatchedCli(['--org', org(), '--project', 'p'], {
      env: { ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('never sends a credential without it');
    expect(tls.server.requests).toEqual([]);
  });
});

describe.skipIf(!tls.available)('the library, as the README uses it (no env passed anywhere)', () => {
  it('attaches no credential while this process has NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const organization = parseOrganizationUrl(`${tls.server.origin}/fabrikam`);
    const { credential } = await resolveCredential('auto', { jobToken: makeJwt() });
    const { api } = connectAzureDevOps({
      organization,
      authorize: () => credential.authorize(),
      clock: systemClock,
      userAgent: 'library-test/1.0',
    });
    tls.server.requests.length = 0;
    const before = process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
    try {
      await expect(
        api.resolveScope({ projects: ['p'], allProjects: false, repositories: [] }),
      ).rejects.toThrow(/NODE_TLS_REJECT_UNAUTHORIZED=0 is set in this process/);
    } finally {
      if (before === undefined) delete process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
      else process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = before;
    }

    expect(tls.server.requests).toEqual([]);
  });
});
