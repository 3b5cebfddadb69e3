import { describe, expect, it } from 'vitest';

import { aRequest, scriptedNext } from '../../../test/http/support/builders.js';
import { CredentialUnavailableError } from '../errors/credential-unavailable-error.js';
import { CrossOriginCredentialError } from '../errors/cross-origin-credential-error.js';
import { InsecureTransportError } from '../errors/insecure-transport-error.js';
import { createAuthPolicy, isLoopbackHost } from './auth-policy.js';

function aPolicy(origin = 'https://dev.azure.com/org') {
  const credential = `Bearer ${crypto.randomUUID()}`;
  let calls = 0;
  const policy = createAuthPolicy({
    origin,
    authorize: () => {
      calls += 1;
      return Promise.resolve(credential);
    },
  });
  return { policy, credential, authorizeCalls: () => calls };
}

describe('createAuthPolicy', () => {
  it('attaches the credential to a request for the configured origin', async () => {
    const { policy, credential } = aPolicy();
    const next = scriptedNext([{}]);

    await policy.sendRequest(aRequest({ href: 'https://dev.azure.com/org/_apis/projects' }), next);

    expect(next.calls[0]?.headers.authorization).toBe(credential);
  });

  it.each([
    ['another host', 'https://evil.example/org/_apis/projects'],
    ['a sub-domain', 'https://org.dev.azure.com/_apis/projects'],
    ['another port', 'https://dev.azure.com:8443/org/_apis/projects'],
    ['another scheme', 'http://dev.azure.com/org/_apis/projects'],
  ])('sends nothing to %s (e.g. a URL taken from a response)', async (_name, href) => {
    const { policy, authorizeCalls } = aPolicy();
    const next = scriptedNext([{}]);

    await policy.sendRequest(aRequest({ href }), next);

    expect(next.calls[0]?.headers.authorization).toBeUndefined();
    expect(authorizeCalls()).toBe(0);
  });

  it('refuses a request that already carries credentials for another origin', async () => {
    const { policy } = aPolicy();
    const next = scriptedNext([{}]);
    const request = aRequest({ href: 'https://evil.example/x', headers: { authorization: 'Bearer stolen' } });

    await expect(policy.sendRequest(request, next)).rejects.toThrow(CrossOriginCredentialError);
    expect(next.calls).toHaveLength(0);
  });

  it('throws InsecureTransportError for plain http to a non-loopback host, before the transport and the token', async () => {
    const { policy, authorizeCalls } = aPolicy('http://tfs.example:8080');
    const next = scriptedNext([{}]);

    const sending = policy.sendRequest(
      aRequest({ href: 'http://tfs.example:8080/tfs/_apis/projects' }),
      next,
    );

    await expect(sending).rejects.toThrow(InsecureTransportError);
    await expect(sending).rejects.toMatchObject({ mayHaveReachedServer: false, code: 'INSECURE_TRANSPORT' });
    expect(next.calls).toHaveLength(0);
    expect(authorizeCalls()).toBe(0);
  });

  it.each(['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'http://127.1.2.3'])(
    'allows plain http to the loopback origin %s',
    async (origin) => {
      const { policy, credential } = aPolicy(origin);
      const next = scriptedNext([{}]);

      await policy.sendRequest(aRequest({ href: `${origin}/_apis/projects` }), next);

      expect(next.calls[0]?.headers.authorization).toBe(credential);
    },
  );

  it('rejects a credential origin that is not http(s)', () => {
    expect(() =>
      createAuthPolicy({ origin: 'ftp://x.example', authorize: () => Promise.resolve('') }),
    ).toThrow(TypeError);
  });
});

describe('createAuthPolicy after a 401 (security checklist D2)', () => {
  function aRenewingPolicy(renews: boolean) {
    const tokens = [`Bearer ${crypto.randomUUID()}`, `Bearer ${crypto.randomUUID()}`];
    let issued = 0;
    let renewals = 0;
    const policy = createAuthPolicy({
      origin: 'https://dev.azure.com/org',
      authorize: () => Promise.resolve(tokens[Math.min(issued++, 1)] ?? ''),
      renewAfterUnauthorized: () => {
        renewals += 1;
        return renews;
      },
    });
    return { policy, tokens, renewals: () => renewals };
  }

  it('sends the request once more with a fresh token when the credential renewed itself', async () => {
    const { policy, tokens } = aRenewingPolicy(true);
    const next = scriptedNext([{ status: 401 }, { status: 200 }]);

    const response = await policy.sendRequest(aRequest({ href: 'https://dev.azure.com/org/_apis/x' }), next);

    expect(response.status).toBe(200);
    expect(next.calls.map((call) => call.headers.authorization)).toEqual(tokens);
  });

  it('retries at most once, even when the fresh token is refused too', async () => {
    const { policy, renewals } = aRenewingPolicy(true);
    const next = scriptedNext([{ status: 401 }]);

    const response = await policy.sendRequest(aRequest({ href: 'https://dev.azure.com/org/_apis/x' }), next);

    expect(response.status).toBe(401);
    expect(next.calls).toHaveLength(2);
    expect(renewals()).toBe(1);
  });

  it('does not resend when the credential cannot renew (job token, PAT)', async () => {
    const { policy } = aRenewingPolicy(false);
    const next = scriptedNext([{ status: 401 }, { status: 200 }]);

    const response = await policy.sendRequest(aRequest({ href: 'https://dev.azure.com/org/_apis/x' }), next);

    expect(response.status).toBe(401);
    expect(next.calls).toHaveLength(1);
  });
});

describe('createAuthPolicy when the credential fails', () => {
  it('throws CredentialUnavailableError, sends nothing, and says the server never saw the request', async () => {
    const policy = createAuthPolicy({
      origin: 'https://dev.azure.com/org',
      authorize: () => Promise.reject(new Error('token endpoint answered 400')),
    });
    const next = scriptedNext([{}]);

    const error: unknown = await policy
      .sendRequest(aRequest({ href: 'https://dev.azure.com/org/_apis/x' }), next)
      .catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(CredentialUnavailableError);
    expect(error).toMatchObject({ code: 'CREDENTIAL_UNAVAILABLE', mayHaveReachedServer: false });
    expect((error as Error).message).toMatch(/token endpoint answered 400/);
    expect(next.calls).toHaveLength(0);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.nip.io', false],
    ['[::ffff:7f00:1]', false],
    ['0.0.0.0', false],
  ])('%s → %s', (hostname, expected) => {
    expect(isLoopbackHost(hostname)).toBe(expected);
  });

  it('sees through IPv4 spellings because URL normalises them', () => {
    expect(isLoopbackHost(new URL('http://0x7f.1/').hostname)).toBe(true);
  });
});
