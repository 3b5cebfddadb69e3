// Microsoft Entra ID through the real @azure/identity 4.13.1 classes against a fake authority and a fake Azure
// Pipelines OIDC endpoint on 127.0.0.1 (https, a self-signed certificate made at test time and trusted only
// through the client's tlsOptions). Proves the scope, Bearer use, registration on receipt, and that the
// library's errors and logs carry no secret (checklist A5, A7, B1, B5, D1).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { setLogLevel } from '@azure/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { AZURE_DEVOPS_SCOPE } from '../../src/auth/entra-config.js';
import { resolveCredential, type CredentialSources } from '../../src/auth/resolve-credential.js';
import { assertNoLeak, makeJwt, makeOpaqueToken } from '../support/canary.js';
import { useLocalHttps } from './support/local-https.js';

const TENANT = 'tenant-1';
const CLIENT = '00000000-0000-4000-8000-00000000000c';
const CONNECTION = '00000000-0000-4000-8000-0000000000c0';
const jobToken = makeOpaqueToken(64);
const assertion = makeJwt({ aud: 'api://AzureADTokenExchange' });
const entraToken = makeJwt({ aud: '499b84ac-1321-427f-aa17-267ca6975798' });
let oidcAnswer: 'token' | 'empty' = 'token';

/** The fake Entra authority and OIDC endpoint, on one https server. */
const tls = await useLocalHttps((request, response) => {
  response.setHeader('content-type', 'application/json');
  const base = tls.server.origin;
  if (request.url.startsWith('/oidc')) {
    response.end(oidcAnswer === 'token' ? JSON.stringify({ oidcToken: assertion }) : '');
  } else if (request.url.includes('/.well-known/openid-configuration')) {
    response.end(
      JSON.stringify({
        token_endpoint: `${base}/${TENANT}/oauth2/v2.0/token`,
        issuer: `${base}/${TENANT}/v2.0`,
        authorization_endpoint: `${base}/${TENANT}/oauth2/v2.0/authorize`,
        jwks_uri: `${base}/keys`,
      }),
    );
  } else if (request.url.includes('/oauth2/v2.0/token')) {
    response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: entraToken }));
  } else {
    response.statusCode = 404;
    response.end('{}');
  }
});

beforeAll(() => {
  if (tls.available) process.env['SYSTEM_OIDCREQUESTURI'] = `${tls.server.origin}/oidc`;
});

afterAll(() => {
  delete process.env['SYSTEM_OIDCREQUESTURI'];
});

afterEach(() => {
  oidcAnswer = 'token';
  tls.server.requests.length = 0;
  setLogLevel();
});

/** Only tests point the authority at loopback and trust the test certificate; production uses the defaults. */
function localAuthority() {
  return {
    authorityHost: tls.server.origin,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: tls.certificate.cert },
  };
}

function sources(announced: string[], log: string[] = []): CredentialSources {
  return {
    jobToken,
    env: {
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: CONNECTION,
      AZURESUBSCRIPTION_CLIENT_ID: CLIENT,
      AZURESUBSCRIPTION_TENANT_ID: TENANT,
      SYSTEM_OIDCREQUESTURI: `${tls.server.origin}/oidc`,
    },
    onSecret: (secret) => announced.push(secret),
    entra: {
      clientOptions: localAuthority(),
      log: (line) => log.push(line),
    },
  };
}

describe.skipIf(!tls.available)('AzurePipelinesCredential against a local authority', () => {
  it('exchanges the job token for an Entra token for Azure DevOps, sent as Bearer and announced on receipt', async () => {
    const announced: string[] = [];

    const resolved = await resolveCredential('entra', sources(announced));

    expect(resolved.credential).toMatchObject({ kind: 'entra', scheme: 'Bearer', tokenShape: 'jwt' });
    expect(resolved.credential.source).toBe(`AzurePipelinesCredential (service connection ${CONNECTION})`);
    expect(await resolved.credential.authorize()).toBe(`Bearer ${entraToken}`);
    expect(announced).toEqual([entraToken]);
    const lifetimeMs = (resolved.credential.expiresAt() ?? 0) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(3_500_000);
    expect(lifetimeMs).toBeLessThanOrEqual(3_601_000);

    const oidc = tls.server.requests.find((request) => request.url.startsWith('/oidc'));
    expect(oidc?.url).toBe(`/oidc?api-version=7.1&serviceConnectionId=${CONNECTION}`);
    expect(oidc?.headers['authorization']).toBe(`Bearer ${jobToken}`);
    expect(oidc?.headers['x-tfs-fedauthredirect']).toBe('Suppress');
    const token = tls.server.requests.find((request) => request.url.includes('/oauth2/v2.0/token'));
    const form = new URLSearchParams(token?.body);
    expect(form.get('scope')).toBe(AZURE_DEVOPS_SCOPE);
    expect(form.get('client_assertion')).toBe(assertion);
    expect(form.get('grant_type')).toBe('client_credentials');
  });

  it('is not used in auto mode while the job token is there (the job token comes first)', async () => {
    const resolved = await resolveCredential('auto', sources([]));

    expect(resolved.credential.kind).toBe('job-token');
    expect(resolved.why).toContain('pass --auth entra to use it');
    expect(tls.server.requests).toEqual([]);
  });

  it('fails without leaking: the error and the library log (AZURE_LOG_LEVEL) hold no secret', async () => {
    oidcAnswer = 'empty';
    setLogLevel('verbose');
    const log: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const error = await resolveCredential('entra', sources([], log)).catch((caught: unknown) => caught);
    const written = stderr.mock.calls.map((call) => String(call[0])).join('');
    stderr.mockRestore();

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Microsoft Entra ID \(AzurePipelinesCredential .*\) gave no token/,
    );
    expect(log.length).toBeGreaterThan(0);
    // The library logs the whole OIDC response, request headers included: only our redactor stands in between.
    expect(log.join('\n')).toContain('"authorization":"Bearer ***"');
    expect(written).not.toContain('azure:identity');
    assertNoLeak({ error: String((error as Error).message), log: log.join('\n'), stderr: written }, [
      jobToken,
      assertion,
    ]);
  });
});

describe.skipIf(!tls.available)('WorkloadIdentityCredential against a local authority', () => {
  it('sends the federated token file as the client assertion and gets a Bearer token (auto mode, no job token)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'azdo-requeue-wi-'));
    const tokenFile = join(directory, 'token');
    await writeFile(tokenFile, assertion);
    try {
      const announced: string[] = [];

      const resolved = await resolveCredential('auto', {
        env: { AZURE_FEDERATED_TOKEN_FILE: tokenFile, AZURE_CLIENT_ID: CLIENT, AZURE_TENANT_ID: TENANT },
        onSecret: (secret) => announced.push(secret),
        entra: { clientOptions: localAuthority() },
      });

      expect(resolved.why).toBe(
        'no job token; Microsoft Entra ID is configured: WorkloadIdentityCredential (AZURE_FEDERATED_TOKEN_FILE)',
      );
      expect(await resolved.credential.authorize()).toBe(`Bearer ${entraToken}`);
      expect(announced).toEqual([entraToken]);
      const token = tls.server.requests.find((request) => request.url.includes('/oauth2/v2.0/token'));
      expect(new URLSearchParams(token?.body).get('client_assertion')).toBe(assertion);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('ManagedIdentityCredential against a local App Service identity endpoint', () => {
  it('gets a token for Azure DevOps and masks the identity header', async () => {
    const header = makeOpaqueToken(32);
    const miToken = makeJwt();
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(`${request.url ?? ''} ${String(request.headers['x-identity-header'])}`);
      response.setHeader('content-type', 'application/json');
      const expiresOn = String(Math.floor(Date.now() / 1000) + 3600);
      response.end(JSON.stringify({ access_token: miToken, expires_on: expiresOn, token_type: 'Bearer' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
    // @azure/identity reads these from process.env itself.
    process.env['IDENTITY_ENDPOINT'] = endpoint;
    process.env['IDENTITY_HEADER'] = header;
    try {
      const announced: string[] = [];

      const resolved = await resolveCredential('auto', {
        env: { IDENTITY_ENDPOINT: endpoint, IDENTITY_HEADER: header },
        onSecret: (secret) => announced.push(secret),
      });

      expect(resolved.credential.source).toBe('ManagedIdentityCredential (IDENTITY_ENDPOINT)');
      expect(await resolved.credential.authorize()).toBe(`Bearer ${miToken}`);
      expect(announced).toEqual([header, miToken]);
      expect(seen).toEqual([
        `/msi/token?api-version=2019-08-01&resource=499b84ac-1321-427f-aa17-267ca6975798 ${header}`,
      ]);
    } finally {
      delete process.env['IDENTITY_ENDPOINT'];
      delete process.env['IDENTITY_HEADER'];
      server.close();
    }
  });
});
