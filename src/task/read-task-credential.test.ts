import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { CredentialError } from '../index.js';
import { readTaskCredential, type EndpointAuthorization } from './read-task-credential.js';

// Canaries are made at run time so no token-shaped literal sits in the repository (checklist E4).
const jobToken = (): string =>
  ['{"typ":"JWT"}', JSON.stringify({ exp: 2_000_000_000, n: randomBytes(8).toString('hex') }), 'sig']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');
const legacyPat = (): string =>
  Array.from(randomBytes(52), (b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('');

/** An in-memory agent: endpoints and secret inputs in, every registered secret recorded in order. */
function agent(endpoints: Record<string, EndpointAuthorization>, secretInputs: Record<string, string> = {}) {
  const registered: string[] = [];
  return {
    registered,
    source: {
      endpointAuthorization: (id: string) => endpoints[id],
      secretInput: (name: string) => secretInputs[name],
      registerSecret: (secret: string) => registered.push(secret),
    },
  };
}

const oauth = (token: string): EndpointAuthorization => ({
  scheme: 'OAuth',
  parameters: { AccessToken: token },
});

describe('readTaskCredential', () => {
  it('takes the job token from the SYSTEMVSSCONNECTION endpoint, registers it, and sends it as Bearer', async () => {
    const token = jobToken();
    const { source, registered } = agent({ SYSTEMVSSCONNECTION: oauth(token) });

    const { credential } = await readTaskCredential({ authentication: 'jobToken' }, source, {});

    expect(registered[0]).toBe(token);
    expect(credential.kind).toBe('job-token');
    expect(await credential.authorize()).toBe(`Bearer ${token}`);
  });

  it.each(['jobToken', 'pat'] as const)(
    'refuses to produce a %s credential while NODE_TLS_REJECT_UNAUTHORIZED=0 (checklist C6)',
    async (authentication) => {
      const { source } = agent(
        { SYSTEMVSSCONNECTION: oauth(jobToken()) },
        { personalAccessToken: legacyPat() },
      );

      const resolving = readTaskCredential({ authentication }, source, { NODE_TLS_REJECT_UNAUTHORIZED: '0' });

      await expect(resolving).rejects.toThrow(/TLS certificate verification off/);
    },
  );

  it('needs no SYSTEM_ACCESSTOKEN in the environment (checklist A2)', async () => {
    const { source } = agent({ SYSTEMVSSCONNECTION: oauth(jobToken()) });

    const { credential } = await readTaskCredential({ authentication: 'jobToken' }, source, {
      SYSTEM_ACCESSTOKEN: undefined,
    });

    expect(credential.kind).toBe('job-token');
  });

  it('reads the PAT from its secret input, registers it and its Basic forms, and warns', async () => {
    const pat = legacyPat();
    const { source, registered } = agent({}, { personalAccessToken: `${pat}\n` });

    const { credential, warnings } = await readTaskCredential({ authentication: 'pat' }, source, {});

    expect(registered[0]).toBe(pat);
    expect(registered).toContain(Buffer.from(`:${pat}`).toString('base64'));
    expect(await credential.authorize()).toBe(`Basic ${Buffer.from(`:${pat}`).toString('base64')}`);
    expect(warnings.join('\n')).toMatch(/personal access token/);
  });

  it.each([
    ['no endpoint', {}, /SYSTEMVSSCONNECTION endpoint is missing/],
    ['another scheme', { SYSTEMVSSCONNECTION: { scheme: 'Token', parameters: {} } }, /expected OAuth/],
    [
      'no AccessToken',
      { SYSTEMVSSCONNECTION: { scheme: 'OAuth', parameters: {} } },
      /carries no AccessToken/,
    ],
  ])('fails clearly with %s', async (_what, endpoints: Record<string, EndpointAuthorization>, message) => {
    const { source, registered } = agent(endpoints);

    const reading = readTaskCredential({ authentication: 'jobToken' }, source, {});

    await expect(reading).rejects.toThrow(CredentialError);
    await expect(reading).rejects.toThrow(message);
    expect(registered).toEqual([]);
  });

  it('registers each line of a multi-line value before refusing it', async () => {
    const [first, second] = [jobToken(), jobToken()];
    const { source, registered } = agent({ SYSTEMVSSCONNECTION: oauth(`${first}\n${second}`) });

    await expect(readTaskCredential({ authentication: 'jobToken' }, source, {})).rejects.toThrow(
      /several lines/,
    );
    expect(registered).toEqual([first, second]);
  });

  it('explains an empty PAT input', async () => {
    const { source } = agent({});

    await expect(readTaskCredential({ authentication: 'pat' }, source, {})).rejects.toThrow(
      /personalAccessToken input is empty: reference a secret variable/,
    );
  });

  it('needs a workload identity federation service connection for entra', async () => {
    const connection = '0a3c6f1e-0000-4000-8000-00000000000a';
    const { source } = agent({
      SYSTEMVSSCONNECTION: oauth(jobToken()),
      [connection]: { scheme: 'ServicePrincipal', parameters: { tenantid: 'contoso.onmicrosoft.com' } },
    });

    await expect(readTaskCredential({ authentication: 'entra' }, source, {})).rejects.toThrow(
      /no service connection/,
    );
    await expect(
      readTaskCredential({ authentication: 'entra', serviceConnection: connection }, source, {}),
    ).rejects.toThrow(/uses ServicePrincipal; entra needs workload identity federation/);
  });

  it('exchanges the job token through the service connection for a Microsoft Entra ID token, registered on receipt', async () => {
    const connection = '0a3c6f1e-0000-4000-8000-00000000000a';
    const entraToken = jobToken();
    const { source, registered } = agent({
      SYSTEMVSSCONNECTION: oauth(jobToken()),
      [connection]: {
        scheme: 'WorkloadIdentityFederation',
        parameters: {
          serviceprincipalid: '1b2c3d4e-0000-4000-8000-00000000000b',
          tenantid: 'contoso.onmicrosoft.com',
        },
      },
    });
    const configs: unknown[] = [];

    const { credential } = await readTaskCredential(
      { authentication: 'entra', serviceConnection: connection, organizationOrigin: 'https://dev.azure.com' },
      source,
      {
        SYSTEM_OIDCREQUESTURI:
          'https://dev.azure.com/fabrikam/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken',
      },
      {
        createTokenCredential: (config) => {
          configs.push(config);
          return {
            getToken: () =>
              Promise.resolve({ token: entraToken, expiresOnTimestamp: Date.now() + 3_600_000 }),
          };
        },
      },
    );

    expect(configs).toEqual([
      {
        kind: 'azure-pipelines',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '1b2c3d4e-0000-4000-8000-00000000000b',
        serviceConnectionId: connection,
        oidcRequestUri:
          'https://dev.azure.com/fabrikam/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken',
      },
    ]);
    expect(credential.kind).toBe('entra');
    expect(registered).toContain(entraToken);
    expect(await credential.authorize()).toBe(`Bearer ${entraToken}`);
  });
});
