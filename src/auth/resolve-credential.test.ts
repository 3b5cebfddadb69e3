import { describe, expect, it } from 'vitest';

import { makeJwt, makeLegacyPat, makeNewPat, makeOpaqueToken } from '../../test/support/canary.js';
import { classifyToken } from './classify-token.js';
import type { TokenCredentialLike } from './refreshing-token.js';
import { resolveCredential, type AuthMode, type CredentialSources } from './resolve-credential.js';
import { PAT_WARNING } from './static-credential.js';

const basic = (token: string): string => `Basic ${Buffer.from(`:${token}`).toString('base64')}`;
const workloadEnv = {
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/token',
  AZURE_CLIENT_ID: '00000000-0000-4000-8000-00000000000c',
  AZURE_TENANT_ID: 'contoso.onmicrosoft.com',
};
/** A fake Entra credential: no @azure/identity, no network. */
function fakeEntra(token: string): NonNullable<CredentialSources['entra']> {
  const credential: TokenCredentialLike = {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: 1_000 + 3_600_000 }),
  };
  return { createTokenCredential: () => credential };
}

describe('classifyToken', () => {
  it('tells legacy PATs, new PATs, JWTs and opaque tokens apart (checklist A6)', () => {
    expect(classifyToken(makeLegacyPat())).toBe('pat');
    expect(classifyToken(makeNewPat())).toBe('pat');
    expect(classifyToken(makeJwt())).toBe('jwt');
    expect(classifyToken(makeOpaqueToken(40))).toBe('opaque');
  });
});

describe('resolveCredential precedence (checklist A5)', () => {
  const jwt = makeJwt();
  const pat = makeLegacyPat();
  const entraToken = makeJwt({ aud: 'entra' });
  // [mode, job token?, Entra configured?, PAT?] → the credential kind, or the error
  const cases: [AuthMode, boolean, boolean, boolean, string][] = [
    ['auto', true, true, true, 'job-token'],
    ['auto', true, false, true, 'job-token'],
    ['auto', false, true, true, 'entra'],
    ['auto', false, false, true, 'pat'],
    ['auto', false, false, false, 'error: no credential found'],
    ['job-token', false, true, true, 'error: --auth job-token'],
    ['job-token', true, true, true, 'job-token'],
    ['entra', true, true, true, 'entra'],
    // --auth entra with nothing configured falls to the Azure CLI's login (faked here by createTokenCredential)
    ['entra', true, false, true, 'entra'],
    ['pat', true, true, true, 'pat'],
    ['pat', true, true, false, 'error: --auth pat'],
  ];
  it.each(cases)(
    '%s with job token %s, Entra %s, PAT %s → %s',
    async (mode, hasJob, hasEntra, hasPat, expected) => {
      const sources: CredentialSources = {
        ...(hasJob ? { jobToken: jwt } : {}),
        ...(hasPat ? { pat } : {}),
        env: hasEntra ? workloadEnv : {},
        clock: { now: () => 1_000 },
        entra: fakeEntra(entraToken),
      };

      const outcome = resolveCredential(mode, sources);

      if (expected.startsWith('error: ')) {
        await expect(outcome).rejects.toThrow(expected.slice('error: '.length));
      } else {
        expect((await outcome).credential.kind).toBe(expected);
      }
    },
  );

  it('leaves Entra ID out on an Azure DevOps Server: a PAT or the job token is used, --auth entra finds nothing', async () => {
    const onServer = { env: workloadEnv, entra: fakeEntra(entraToken), entraAvailable: false };

    expect((await resolveCredential('auto', { ...onServer, pat })).credential.kind).toBe('pat');
    expect((await resolveCredential('auto', { ...onServer, jobToken: jwt })).why).not.toMatch(/entra/i);
    await expect(resolveCredential('auto', onServer)).rejects.toThrow(/no credential found/);
    await expect(resolveCredential('entra', { ...onServer, pat })).rejects.toThrow(
      /exists only in Azure DevOps Services/,
    );
  });

  it('says why, and mentions Entra when the job token wins over it', async () => {
    const resolved = await resolveCredential('auto', { jobToken: jwt, env: workloadEnv });

    expect(resolved.why).toMatch(/^SYSTEM_ACCESSTOKEN is set .*workload-identity.*--auth entra/);
  });
});

describe('resolveCredential schemes (checklist A6)', () => {
  it('sends the job token as Bearer with no warning', async () => {
    const token = makeJwt();

    const resolved = await resolveCredential('auto', { jobToken: token });

    expect(await resolved.credential.authorize()).toBe(`Bearer ${token}`);
    expect(resolved.credential).toMatchObject({ scheme: 'Bearer', tokenShape: 'jwt', secrets: [token] });
    expect(resolved.warnings).toEqual([]);
  });

  it('sends a PAT as Basic with exactly one warning, and lists every header form as a secret', async () => {
    const pat = makeLegacyPat();

    const resolved = await resolveCredential('auto', { pat });

    expect(await resolved.credential.authorize()).toBe(basic(pat));
    expect(resolved.warnings).toEqual([PAT_WARNING]);
    expect(resolved.credential.secrets).toEqual([
      pat,
      Buffer.from(`:${pat}`).toString('base64'),
      Buffer.from(`PAT:${pat}`).toString('base64'),
    ]);
  });

  it('keeps the PAT warning text stable', () => {
    expect(PAT_WARNING).toMatchInlineSnapshot(
      `"using a personal access token: prefer the pipeline job token (SYSTEM_ACCESSTOKEN) or Microsoft Entra ID; a PAT is long-lived and leaks are costly. If you must, use an organization-scoped PAT with the least scopes (Code: Read & write) and the shortest expiry (https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/entra)"`,
    );
  });

  it.each([
    ['a new PAT', makeNewPat()],
    ['a legacy PAT', makeLegacyPat()],
  ])('never sends %s as Bearer, even from SYSTEM_ACCESSTOKEN', async (_name, pat) => {
    const resolved = await resolveCredential('job-token', { jobToken: pat });

    expect(await resolved.credential.authorize()).toBe(basic(pat));
    expect(resolved.warnings[0]).toMatch(/holds a personal access token/);
  });

  it('never sends a JWT as Basic, even from AZURE_DEVOPS_EXT_PAT', async () => {
    const token = makeJwt();

    const resolved = await resolveCredential('pat', { pat: token });

    expect(await resolved.credential.authorize()).toBe(`Bearer ${token}`);
    expect(resolved.warnings[0]).toMatch(/holds a JWT/);
  });

  it('sends Entra tokens as Bearer and announces each before use', async () => {
    const token = makeJwt({ aud: 'entra' });
    const announced: string[] = [];

    const resolved = await resolveCredential('entra', {
      env: workloadEnv,
      clock: { now: () => 1_000 },
      onSecret: (secret) => announced.push(secret),
      entra: fakeEntra(token),
    });

    expect(announced).toEqual([token]);
    expect(await resolved.credential.authorize()).toBe(`Bearer ${token}`);
    expect(resolved.credential.expiresAt()).toBe(1_000 + 3_600_000);
  });

  it('warns when a configured Entra ID is unusable and a PAT stands in for it', async () => {
    const resolved = await resolveCredential('auto', {
      pat: makeLegacyPat(),
      env: { AZURE_FEDERATED_TOKEN_FILE: '/t', AZURE_CLIENT_ID: 'not-a-guid', AZURE_TENANT_ID: 't' },
    });

    expect(resolved.warnings).toEqual([
      'Microsoft Entra ID is configured but unusable: AZURE_CLIENT_ID is not a valid identifier (expected a GUID)',
      PAT_WARNING,
    ]);
  });

  it('announces the static secrets too', async () => {
    const pat = makeLegacyPat();
    const announced: string[] = [];

    await resolveCredential('pat', { pat, onSecret: (secret) => announced.push(secret) });

    expect(announced).toHaveLength(3);
  });
});

describe('resolveCredential input (checklist A4)', () => {
  it('explains exactly how to map the job token when there is no credential', async () => {
    await expect(resolveCredential('auto', {})).rejects.toThrow(
      /SYSTEM_ACCESSTOKEN: \$\(System\.AccessToken\)/,
    );
    await expect(resolveCredential('auto', {})).rejects.toThrow(/Allow scripts to access the OAuth token/);
  });

  it.each([
    ['a trailing newline', (t: string) => `${t}\n`],
    ['a trailing CR LF', (t: string) => `${t}\r\n`],
    ['surrounding spaces', (t: string) => ` ${t} `],
  ])('trims %s', async (_name, decorate) => {
    const token = makeJwt();

    const resolved = await resolveCredential('auto', { jobToken: decorate(token) });

    expect(await resolved.credential.authorize()).toBe(`Bearer ${token}`);
  });

  it.each([
    ['several lines', `${makeOpaqueToken(20)}\n${makeOpaqueToken(20)}`],
    ['inner whitespace', `${makeOpaqueToken(20)} ${makeOpaqueToken(20)}`],
  ])('refuses a token with %s', async (_name, token) => {
    await expect(resolveCredential('auto', { jobToken: token })).rejects.toThrow(
      /whitespace or several lines/,
    );
  });

  it('refuses to send any credential while NODE_TLS_REJECT_UNAUTHORIZED=0 (checklist C6)', async () => {
    const outcome = resolveCredential('auto', {
      jobToken: makeJwt(),
      env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' },
    });

    await expect(outcome).rejects.toThrow(/never sends a credential without it.*NODE_EXTRA_CA_CERTS/s);
  });

  it('does not let a malformed job token block --auth pat', async () => {
    const pat = makeLegacyPat();

    const resolved = await resolveCredential('pat', { jobToken: 'a\nb', pat });

    expect(resolved.credential.kind).toBe('pat');
  });
});
