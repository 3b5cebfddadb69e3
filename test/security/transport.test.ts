// Transport rules seen from outside the built CLI: credentials only over https (plain http only to loopback,
// refused before any connection, C1), Authorization only to the organization's origin even for URLs taken from
// answers (C2), `X-TFS-FedAuthRedirect: Suppress` on every call and a 203/HTML sign-in page treated as an
// authentication failure, exit 3 (C5). Redirects: redirect.test.ts; TLS: tls.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { makeJwt } from '../support/canary.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';
import { runWatchedCli } from './support/run-watched-cli.js';

let emulator: RunningEmulator;
let foreign: RecordingServer;

beforeAll(async () => {
  [emulator, foreign] = await Promise.all([startEmulator({ scenario: 'demo' }), startRecordingServer()]);
});

afterAll(async () => {
  await Promise.all([emulator.close(), foreign.close()]);
});

const job = () => ({ SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken });

describe('credentials only over https (C1)', () => {
  it.each([
    [['--org', 'http://dev.azure.com/fabrikam', '--project', 'p']],
    [['doctor', '--org', 'http://fabrikam.example/tfs/DefaultCollection', '--project', 'p']],
  ])('refuses plain http to a host that is not loopback, before any connection: %j', async (args) => {
    const run = await runWatchedCli(args, { env: job() });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('credentials go only over https (plain http only to loopback)');
    expect(run.refusedConnections).toEqual([]);
  });

  it('refuses to send the job token to an OIDC request URI that is not Azure DevOps', async () => {
    const run = await runWatchedCli(
      ['--org', emulator.orgUrl, '--project', 'Contoso Web', '--auth', 'entra'],
      {
        env: {
          ...job(),
          AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: '00000000-0000-4000-8000-0000000000c0',
          AZURESUBSCRIPTION_CLIENT_ID: '00000000-0000-4000-8000-00000000000c',
          AZURESUBSCRIPTION_TENANT_ID: 'tenant-1',
          SYSTEM_OIDCREQUESTURI: 'https://oidc.attacker.example/token',
        },
      },
    );

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('refusing to send the job token there');
    expect(run.refusedConnections).toEqual([]);
  });
});

describe('Authorization only to the organization origin (C2)', () => {
  it('never sends credentials to URLs taken from answers (_links on another origin)', async () => {
    emulator.control.reset();
    emulator.control.setFaults({ requests: [{ kind: 'foreignLinks', origin: foreign.origin }] });
    try {
      const requeue = await runWatchedCli(['--org', emulator.orgUrl, '--project', 'Contoso Web'], {
        env: job(),
      });
      const doctor = await runWatchedCli(['doctor', '--org', emulator.orgUrl, '--project', 'Contoso Web'], {
        env: job(),
      });

      expect(requeue.code, requeue.stderr).toBe(0);
      expect(doctor.code, doctor.stdout).toBe(0);
      expect(foreign.withCredentials()).toEqual([]);
    } finally {
      emulator.control.setFaults({});
    }
  });
});

describe('X-TFS-FedAuthRedirect: Suppress, and sign-in pages are authentication failures (C5)', () => {
  it('sends Suppress on every call of requeue and doctor, and exits 3 on the 401', async () => {
    const organization = await startRecordingServer((_request, response) => {
      response.statusCode = 401;
      response.setHeader('www-authenticate', 'Bearer');
      response.end();
    });
    try {
      const env = { SYSTEM_ACCESSTOKEN: makeJwt() };
      const requeue = await runWatchedCli(['--org', `${organization.origin}/fabrikam`, '--project', 'p'], {
        env,
      });
      const doctor = await runWatchedCli(
        ['doctor', '--org', `${organization.origin}/fabrikam`, '--project', 'p'],
        {
          env,
        },
      );

      expect([requeue.code, doctor.code]).toEqual([3, 3]);
      expect(organization.requests.length).toBeGreaterThanOrEqual(2);
      for (const request of organization.requests) {
        expect(request.headers['x-tfs-fedauthredirect'], request.url).toBe('Suppress');
        expect(request.headers['authorization'], request.url).toMatch(/^Bearer /);
      }
    } finally {
      await organization.close();
    }
  });

  it.each([
    ['a 203 with an HTML sign-in page', 203, 'text/html; charset=utf-8'],
    ['a 200 with an HTML sign-in page', 200, 'text/html'],
  ])('treats %s as "not authenticated" (exit 3), never as data', async (_name, status, contentType) => {
    const organization = await startRecordingServer((_request, response) => {
      response.statusCode = status;
      response.setHeader('content-type', contentType);
      response.end('<!DOCTYPE html><html><title>Azure DevOps Services | Sign In</title></html>');
    });
    try {
      const run = await runWatchedCli(['--org', `${organization.origin}/fabrikam`, '--project', 'p'], {
        env: { SYSTEM_ACCESSTOKEN: makeJwt() },
      });

      expect(run.code).toBe(3);
      expect(run.stderr).toContain('answered with a sign-in page');
      expect(run.stderr).not.toMatch(/SyntaxError|Unexpected token/);
    } finally {
      await organization.close();
    }
  });
});
