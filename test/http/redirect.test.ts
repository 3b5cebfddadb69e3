// Redirects between two real local servers on different ports, i.e. different origins (as in undici's
// redirect-cross-origin-header.js and gh's redirect tests). Server B must never see credentials.
import { afterEach, describe, expect, it } from 'vitest';

import { composePolicies, createPipeline } from '../../src/http/create-pipeline.js';
import { createFetchTransport } from '../../src/http/fetch-transport.js';
import { createAuthPolicy } from '../../src/http/policies/auth-policy.js';
import { createRedirectPolicy } from '../../src/http/policies/redirect-policy.js';
import type { HttpMethod } from '../../src/http/types.js';
import { systemClock } from '../../src/util/clock.js';
import { aRequest } from './support/builders.js';
import { startTestServer } from './support/start-test-server.js';
import type { ReceivedRequest, TestServer } from './support/start-test-server.js';

type Routes = Record<string, (request: ReceivedRequest) => { status: number; location?: string }>;

/** A server answering by path: a route gives a status and optional Location, anything else is 200 "ok". */
async function aServer(routes: () => Routes): Promise<TestServer> {
  return startTestServer((request, response) => {
    const route = routes()[request.path.split('?')[0] ?? ''];
    const answer = route ? route(request) : { status: 200 };
    response.writeHead(answer.status, answer.location === undefined ? {} : { location: answer.location });
    response.end(answer.status === 200 ? `ok ${request.method} ${request.body}` : '');
  });
}

describe('redirects across two real origins', () => {
  const servers: TestServer[] = [];
  let a!: TestServer;
  let b!: TestServer;
  let aRoutes: Routes = {};
  let bRoutes: Routes = {};
  const credential = `Bearer ${crypto.randomUUID()}`;

  async function startBoth(): Promise<void> {
    a = await aServer(() => aRoutes);
    b = await aServer(() => bRoutes);
    servers.push(a, b);
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    aRoutes = {};
    bRoutes = {};
  });

  function aPipelineFor(origin: string) {
    return createPipeline({ origin, clock: systemClock, authorize: () => Promise.resolve(credential) });
  }

  it.each([
    [301, 'GET', 'GET', ''],
    [302, 'GET', 'GET', ''],
    [303, 'PATCH', 'GET', ''],
    [307, 'PATCH', 'PATCH', '{"status":"queued"}'],
    [308, 'PATCH', 'PATCH', '{"status":"queued"}'],
  ] as const)(
    'follows a same-origin %i for %s as %s with the credential on every hop',
    async (status, method: HttpMethod, expectedMethod, expectedBody) => {
      await startBoth();
      aRoutes = { '/old': () => ({ status, location: '/new' }) };

      const response = await aPipelineFor(a.origin).send(
        aRequest({
          href: `${a.origin}/old`,
          method,
          idempotent: method === 'GET',
          ...(method === 'GET' ? {} : { body: '{"status":"queued"}' }),
        }),
      );

      expect(response.status).toBe(200);
      expect(response.bodyText).toBe(`ok ${expectedMethod} ${expectedBody}`);
      expect(a.received.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
        [method, '/old', credential],
        [expectedMethod, '/new', credential],
      ]);
    },
  );

  it.each([301, 302, 303, 307, 308])(
    'returns a cross-origin %i as is: the other origin receives nothing',
    async (status) => {
      await startBoth();
      aRoutes = { '/start': () => ({ status, location: `${b.origin}/steal` }) };

      const response = await aPipelineFor(a.origin).send(aRequest({ href: `${a.origin}/start` }));

      expect(response.status).toBe(status);
      expect(response.headers.location).toBe(`${b.origin}/steal`);
      expect(b.received).toEqual([]);
    },
  );

  describe('with allowCrossOriginRedirects', () => {
    function aFollowingStack(credentialOrigin: string) {
      return composePolicies(
        [
          createRedirectPolicy({ allowCrossOriginRedirects: true, credentialOrigin }),
          createAuthPolicy({ origin: credentialOrigin, authorize: () => Promise.resolve(credential) }),
        ],
        createFetchTransport(),
      );
    }

    it.each([301, 302, 303, 307, 308])(
      'follows %i to the other origin without Authorization or Cookie',
      async (status) => {
        await startBoth();
        aRoutes = { '/start': () => ({ status, location: `${b.origin}/landing` }) };

        const response = await aFollowingStack(a.origin)(
          aRequest({ href: `${a.origin}/start`, headers: { cookie: 'session=1' } }),
        );

        expect(response.status).toBe(200);
        expect(a.received[0]?.headers.authorization).toBe(credential);
        expect(b.received).toHaveLength(1);
        expect(b.received[0]?.headers.authorization).toBeUndefined();
        expect(b.received[0]?.headers.cookie).toBeUndefined();
      },
    );

    it('does not follow A → B → A back into the credential origin', async () => {
      await startBoth();
      aRoutes = { '/start': () => ({ status: 302, location: `${b.origin}/bounce` }) };
      bRoutes = { '/bounce': () => ({ status: 307, location: `${a.origin}/admin/delete` }) };

      const response = await aFollowingStack(a.origin)(aRequest({ href: `${a.origin}/start` }));

      expect(response.status).toBe(307);
      expect(a.received.map((r) => r.path)).toEqual(['/start']);
      expect(b.received[0]?.headers.authorization).toBeUndefined();
    });

    it('follows B → A → B chains without ever sending credentials to B', async () => {
      await startBoth();
      bRoutes = {
        '/one': () => ({ status: 302, location: `${a.origin}/two` }),
        '/three': () => ({ status: 200 }),
      };
      aRoutes = { '/two': () => ({ status: 302, location: `${b.origin}/three` }) };

      // The credential origin is a third one: A and B are both foreign.
      const response = await aFollowingStack('https://dev.azure.com')(aRequest({ href: `${b.origin}/one` }));

      expect(response.status).toBe(200);
      expect([...a.received, ...b.received].map((r) => r.headers.authorization)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    });
  });

  it('never follows https → http: the plain-http server receives nothing', async () => {
    await startBoth();
    const fetchTransport = createFetchTransport();
    // The https origin is simulated (no certificate needed); the http target is a real server.
    const send = composePolicies([createRedirectPolicy({ allowCrossOriginRedirects: true })], (request) =>
      request.url.protocol === 'https:'
        ? Promise.resolve({ status: 301, headers: { location: `${b.origin}/plain` }, bodyText: '', request })
        : fetchTransport(request),
    );

    const response = await send(aRequest({ href: 'https://dev.azure.com/org/_apis/projects' }));

    expect(response.status).toBe(301);
    expect(b.received).toEqual([]);
  });

  it('stops after maxRedirects and returns the last redirect', async () => {
    await startBoth();
    aRoutes = { '/loop': () => ({ status: 302, location: '/loop' }) };

    const response = await aPipelineFor(a.origin).send(aRequest({ href: `${a.origin}/loop` }));

    expect(response.status).toBe(302);
    expect(a.received).toHaveLength(6); // the request and 5 hops
  });
});
