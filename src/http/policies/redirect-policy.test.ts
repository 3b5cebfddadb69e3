import { describe, expect, it } from 'vitest';

import { aRequest, scriptedNext } from '../../../test/http/support/builders.js';
import { createRedirectPolicy } from './redirect-policy.js';

describe('createRedirectPolicy', () => {
  it.each([
    ['https → http on the same host', 'http://dev.azure.com/org/x'],
    ['https → http on another host, even when cross-origin hops are allowed', 'http://evil.example/x'],
  ])('never follows a downgrade: %s', async (_name, location) => {
    const policy = createRedirectPolicy({ allowCrossOriginRedirects: true });
    const next = scriptedNext([{ status: 301, headers: { location } }, { status: 200 }]);

    const response = await policy.sendRequest(aRequest({ href: 'https://dev.azure.com/org/a' }), next);

    expect(response.status).toBe(301);
    expect(next.calls).toHaveLength(1);
  });

  it('refuses a port change by default (another origin)', async () => {
    const next = scriptedNext([{ status: 302, headers: { location: 'https://dev.azure.com:444/org/x' } }]);

    const response = await createRedirectPolicy().sendRequest(
      aRequest({ href: 'https://dev.azure.com/org/a' }),
      next,
    );

    expect(response.status).toBe(302);
    expect(next.calls).toHaveLength(1);
  });

  it.each([
    ['no Location', {}],
    ['an unparsable Location', { location: 'http://[bad' }],
    ['a non-http Location', { location: 'file:///etc/passwd' }],
  ])('returns a 3xx with %s as is', async (_name, headers: Record<string, string>) => {
    const next = scriptedNext([{ status: 302, headers }]);

    const response = await createRedirectPolicy().sendRequest(aRequest(), next);

    expect(response.status).toBe(302);
    expect(next.calls).toHaveLength(1);
  });

  it('turns a POST into a body-less GET on 302 and drops body headers', async () => {
    const next = scriptedNext([{ status: 302, headers: { location: '/next' } }, { status: 200 }]);
    const request = aRequest({
      method: 'POST',
      idempotent: false,
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });

    await createRedirectPolicy().sendRequest(request, next);

    expect(next.calls[1]).toMatchObject({
      method: 'GET',
      idempotent: true,
      headers: { accept: 'application/json' },
    });
    expect(next.calls[1]?.body).toBeUndefined();
    expect(next.calls[1]?.headers['content-type']).toBeUndefined();
    expect(next.calls[1]?.url.href).toBe('https://dev.azure.com/next');
  });

  it('keeps a PATCH and its body on 301 (only POST is rewritten)', async () => {
    const next = scriptedNext([{ status: 301, headers: { location: '/moved' } }, { status: 200 }]);

    await createRedirectPolicy().sendRequest(
      aRequest({ method: 'PATCH', body: 'x', idempotent: false }),
      next,
    );

    expect(next.calls[1]).toMatchObject({ method: 'PATCH', body: 'x', idempotent: false });
  });

  it('does not treat a 304 or 300 as a redirect to follow', async () => {
    const next = scriptedNext([{ status: 304, headers: { location: '/x' } }]);

    const response = await createRedirectPolicy().sendRequest(aRequest(), next);

    expect(response.status).toBe(304);
  });
});
