import { getEventListeners } from 'node:events';

import { afterEach, describe, expect, it } from 'vitest';

import { createPipeline } from '../../src/http/create-pipeline.js';
import type { HttpRequest } from '../../src/http/types.js';
import { aRequest, aResponse } from './support/builders.js';
import { systemClock } from '../../src/util/clock.js';
import { startTestServer } from './support/start-test-server.js';
import type { TestServer } from './support/start-test-server.js';

/** A request to `url` (the shared builder's defaults otherwise). */
function aRequestTo(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return aRequest({ href: url, ...overrides });
}

describe('createPipeline against a real local server', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('sends default headers and the credential to the configured origin and counts wire requests', async () => {
    const server = await startTestServer((_request, response) => response.end('{"value":[]}'));
    servers.push(server);
    const token = `t-${crypto.randomUUID()}`;
    const pipeline = createPipeline({
      origin: server.origin,
      authorize: () => Promise.resolve(`Bearer ${token}`),
      clock: systemClock,
      defaultHeaders: { 'X-TFS-FedAuthRedirect': 'Suppress' },
    });

    const response = await pipeline.send(aRequestTo(`${server.origin}/_apis/projects?api-version=7.1`));

    expect(response.status).toBe(200);
    expect(server.received[0]?.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      'x-tfs-fedauthredirect': 'Suppress',
      'user-agent': 'azdo-requeue',
    });
    expect(pipeline.stats().requests).toBe(1);
  });

  it('sends no credential to another origin', async () => {
    const configured = await startTestServer((_request, response) => response.end());
    const other = await startTestServer((_request, response) => response.end('{}'));
    servers.push(configured, other);
    const pipeline = createPipeline({
      origin: configured.origin,
      authorize: () => Promise.resolve('Bearer x'),
      clock: systemClock,
    });

    await pipeline.send(aRequestTo(`${other.origin}/_links/self`));

    expect(other.received[0]?.headers.authorization).toBeUndefined();
  });

  it('aborts every request when the run signal aborts', async () => {
    const server = await startTestServer(() => undefined); // never answers
    servers.push(server);
    const run = new AbortController();
    const pipeline = createPipeline({ origin: server.origin, clock: systemClock, signal: run.signal });
    const sending = pipeline.send(aRequestTo(`${server.origin}/slow`));

    run.abort(new Error('SIGINT'));

    await expect(sending).rejects.toThrow('SIGINT');
  });
});

describe('createPipeline under a fan-out', () => {
  it("lets dozens of requests wait on the run signals without a listener-leak warning, and leaves the caller's signals clean", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    const abort = new AbortController();
    const stop = new AbortController();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pipeline = createPipeline({
      origin: 'https://dev.azure.com',
      clock: systemClock,
      concurrency: 2,
      signal: abort.signal,
      stopSignal: stop.signal,
      // Holds every request on the wire until released, so the rest queue for a slot.
      transport: async (request) => {
        await gate;
        return aResponse(request);
      },
    });
    try {
      const sending = Array.from({ length: 40 }, () => pipeline.send(aRequest()));
      await new Promise((resolve) => setImmediate(resolve));
      // One listener each from the pipeline's own signals, however many requests wait.
      expect(getEventListeners(abort.signal, 'abort').length).toBeLessThanOrEqual(2);
      expect(getEventListeners(stop.signal, 'abort').length).toBeLessThanOrEqual(2);
      release();
      await Promise.all(sending);
      await new Promise((resolve) => setImmediate(resolve));

      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
