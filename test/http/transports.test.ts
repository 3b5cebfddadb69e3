import { getEventListeners } from 'node:events';

import { afterEach, describe, expect, it } from 'vitest';

import { createFetchTransport } from '../../src/http/fetch-transport.js';
import { createNodeHttpTransport } from '../../src/http/node-http-transport.js';
import { isNetworkError, NetworkError } from '../../src/http/errors/network-error.js';
import { ResponseTooLargeError } from '../../src/http/errors/response-too-large-error.js';
import { TimeoutError } from '../../src/http/errors/timeout-error.js';
import type { HttpRequest } from '../../src/http/types.js';
import { aRequest } from './support/builders.js';
import { startTestServer } from './support/start-test-server.js';
import type { TestServer } from './support/start-test-server.js';

/** A request to `url` (the shared builder's defaults otherwise). */
function aRequestTo(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return aRequest({ href: url, ...overrides });
}

describe.each([
  ['fetch', createFetchTransport],
  ['node:http', createNodeHttpTransport],
] as const)('the %s transport', (_name, createTransport) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends method, headers and body and returns status, lower-case headers and text', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(201, { 'Content-Type': 'application/json', 'X-Custom': 'yes' });
      response.end('\uFEFF{"ok":true}');
    });
    const transport = createTransport();

    const response = await transport(
      aRequestTo(`${server.origin}/items?api-version=7.1`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-test': 'a' },
        body: '{"status":"queued"}',
        idempotent: false,
      }),
    );

    expect(response.status).toBe(201);
    expect(response.headers['x-custom']).toBe('yes');
    expect(response.bodyText).toBe('{"ok":true}');
    expect(server.received).toMatchObject([
      {
        method: 'PATCH',
        path: '/items?api-version=7.1',
        body: '{"status":"queued"}',
        headers: { 'x-test': 'a' },
      },
    ]);
  });

  it('returns redirects instead of following them', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    });

    const response = await createTransport()(aRequestTo(`${server.origin}/start`));

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/elsewhere');
    expect(server.received).toHaveLength(1);
  });

  it('maps a refused connection to NetworkError ECONNREFUSED that never reached the server', async () => {
    server = await startTestServer((_request, response) => response.end());
    const origin = server.origin;
    await server.close();
    server = undefined;

    const error: unknown = await createTransport()(aRequestTo(`${origin}/x`)).catch((e: unknown) => e);

    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveReachedServer: false });
  });

  it('maps a reset connection to a NetworkError that may have reached the server', async () => {
    server = await startTestServer((_request, _response, raw) => raw.socket.destroy());

    const error: unknown = await createTransport()(aRequestTo(`${server.origin}/x`)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ mayHaveReachedServer: true });
    expect((error as NetworkError).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/x failed: network error \w+/,
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('maps an abort with a TimeoutError reason to TimeoutError', async () => {
    server = await startTestServer(() => undefined); // never answers
    const controller = new AbortController();
    const sending = createTransport()(aRequestTo(`${server.origin}/slow`, { signal: controller.signal }));

    controller.abort(new DOMException('timed out after 5 ms', 'TimeoutError'));

    await expect(sending).rejects.toBeInstanceOf(TimeoutError);
  });

  it("passes a caller's own abort reason through unchanged", async () => {
    server = await startTestServer(() => undefined);
    const controller = new AbortController();
    const sending = createTransport()(aRequestTo(`${server.origin}/slow`, { signal: controller.signal }));
    const reason = new Error('run cancelled');

    controller.abort(reason);

    await expect(sending).rejects.toBe(reason);
  });

  it('fails with the abort reason when aborted while the body is still arriving', async () => {
    let bodyStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (bodyStarted = resolve));
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"value":['); // and never the rest
      setTimeout(bodyStarted, 20); // time for the headers to reach the client
    });
    const controller = new AbortController();
    const sending = createTransport()(
      aRequestTo(`${server.origin}/slow-body`, { signal: controller.signal }),
    );
    await started;
    const reason = new Error('run cancelled');

    controller.abort(reason);

    await expect(sending).rejects.toBe(reason);
  });

  it('sends nothing for a signal that is already aborted', async () => {
    server = await startTestServer((_request, response) => response.end('{}'));
    const reason = new Error('stopped before sending');

    const sending = createTransport()(
      aRequestTo(`${server.origin}/x`, { signal: AbortSignal.abort(reason) }),
    );

    await expect(sending).rejects.toBe(reason);
    expect(server.received).toHaveLength(0);
  });

  it('fails with a NetworkError when the connection closes in the middle of the body', async () => {
    server = await startTestServer((_request, response, raw) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"value":[');
      setTimeout(() => raw.socket.destroy(), 10);
    });

    const error: unknown = await createTransport()(aRequestTo(`${server.origin}/cut`)).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ mayHaveReachedServer: true });
  });

  it.each([
    ['declared by content-length', false],
    ['streamed without a length', true],
  ])('fails with ResponseTooLargeError for a body over the limit (%s)', async (_name, chunked) => {
    server = await startTestServer((_request, response) => {
      if (chunked) {
        response.write('x'.repeat(600));
        response.end('y'.repeat(600));
      } else {
        response.end('x'.repeat(1200));
      }
    });

    const sending = createTransport({ maxResponseBytes: 1000 })(aRequestTo(`${server.origin}/big`));

    await expect(sending).rejects.toThrow(ResponseTooLargeError);
    await expect(sending).rejects.toThrow(/exceeds the limit of 1000 bytes/);
  });

  it('wraps a request it cannot build without quoting the offending value', async () => {
    const secret = `s${crypto.randomUUID()}`;
    const request = aRequestTo('http://127.0.0.1:9/x', { headers: { 'x-bad': `a\n${secret}` } });

    const error: unknown = await createTransport()(request).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'ERR_INVALID_REQUEST', mayHaveReachedServer: false });
    expect(JSON.stringify(error) + String(error) + String((error as Error).cause)).not.toContain(secret);
  });
});

describe('createNodeHttpTransport', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('lower-cases header names, joins repeated ones and keeps the first of those node:http keeps once', async () => {
    server = await startTestServer((_request, response) => {
      response.setHeader('X-RateLimit-Resource', ['core', 'search']);
      response.setHeader('Retry-After', ['7', '3600']);
      response.setHeader('Location', ['/first', '/second']);
      response.end('{}');
    });

    const response = await createNodeHttpTransport()(aRequestTo(`${server.origin}/x`));

    expect(response.headers['x-ratelimit-resource']).toBe('core, search');
    expect(response.headers['retry-after']).toBe('7');
    expect(response.headers.location).toBe('/first');
    expect(response.headers['X-RateLimit-Resource']).toBeUndefined();
  });

  it('decodes a multi-byte character split across two chunks', async () => {
    const text = '{"title":"Überprüfung ✓ 🚀"}';
    const bytes = Buffer.from(text, 'utf8');
    const split = bytes.indexOf(Buffer.from('🚀', 'utf8')) + 2; // inside the 4-byte emoji
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 10);
    });

    const response = await createNodeHttpTransport()(aRequestTo(`${server.origin}/x`));

    expect(response.bodyText).toBe(text);
  });

  // The attempt's signal may outlive it (a caller's); a listener left behind would keep every request alive.
  it('leaves no abort listener on the signal once the answer is read', async () => {
    server = await startTestServer((_request, response) => response.end('{}'));
    const controller = new AbortController();

    await createNodeHttpTransport()(aRequestTo(`${server.origin}/x`, { signal: controller.signal }));

    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('createFetchTransport', () => {
  it('names the reason when fetch refuses a GET with a body', async () => {
    const error: unknown = await createFetchTransport()(
      aRequestTo('http://127.0.0.1:9/x', { body: 'x' }),
    ).catch((e: unknown) => e);

    expect(String((error as Error).cause)).toContain('GET/HEAD method cannot have body');
  });
});
