import { describe, expect, it } from 'vitest';

import { aRequest, scriptedNext } from '../../../test/http/support/builders.js';
import { createHeadersPolicy, DEFAULT_USER_AGENT } from './headers-policy.js';

describe('createHeadersPolicy', () => {
  it('adds the user agent and the configured headers with lower-case names', async () => {
    const next = scriptedNext([{}]);

    await createHeadersPolicy({ headers: { 'X-TFS-FedAuthRedirect': 'Suppress' } }).sendRequest(
      aRequest(),
      next,
    );

    expect(next.calls[0]?.headers).toEqual({
      'user-agent': DEFAULT_USER_AGENT,
      'x-tfs-fedauthredirect': 'Suppress',
    });
  });

  it("lets a request's own header win over a default", async () => {
    const next = scriptedNext([{}]);

    await createHeadersPolicy({ headers: { accept: 'application/json' } }).sendRequest(
      aRequest({ headers: { accept: 'text/plain' } }),
      next,
    );

    expect(next.calls[0]?.headers.accept).toBe('text/plain');
  });

  it('lets the caller replace the user agent', async () => {
    const next = scriptedNext([{}]);

    await createHeadersPolicy({ headers: { 'User-Agent': 'azdo-requeue/1.2.3' } }).sendRequest(
      aRequest(),
      next,
    );

    expect(next.calls[0]?.headers['user-agent']).toBe('azdo-requeue/1.2.3');
  });

  it.each(['Authorization', 'proxy-authorization', 'Cookie'])(
    'refuses the credential header %s as a default',
    (name) => {
      expect(() => createHeadersPolicy({ headers: { [name]: 'x' } })).toThrow(TypeError);
    },
  );
});
