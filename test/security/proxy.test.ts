// Azure DevOps calls honour HTTPS_PROXY and NO_PROXY (issue 16 item 8): through a local CONNECT proxy on 127.0.0.1
// that records what it sees, the built CLI tunnels to the (self-signed, trusted through NODE_EXTRA_CA_CERTS) https
// server; the proxy sees only the CONNECT line and its headers, never the Authorization the server receives; a host
// in NO_PROXY goes direct.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chooseProxy } from '../../src/http/choose-proxy.js';
import { makeJwt } from '../support/canary.js';
import { useLocalHttps } from './support/local-https.js';
import { runWatchedCli } from './support/run-watched-cli.js';

interface Connect {
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
}

const tls = await useLocalHttps((_request, response) => {
  response.statusCode = 401;
  response.end();
});
let proxy: Server;
let proxyUrl: string;
const connects: Connect[] = [];

beforeAll(async () => {
  if (!tls.available) return;
  proxy = createServer((_request, response) => {
    response.statusCode = 405;
    response.end();
  });
  proxy.on('connect', (request, client, head) => {
    connects.push({ target: request.url ?? '', headers: request.headers });
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (!tls.available) return;
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

describe.skipIf(!tls.available)('an https proxy', () => {
  const token = makeJwt();
  // By name: a tunnelled TLS connection checks the certificate against a host name (https-proxy-agent).
  const origin = (): string => tls.server.origin.replace('127.0.0.1', 'localhost');
  const run = (env: Record<string, string>) =>
    runWatchedCli(['doctor', '--org', `${origin()}/fabrikam`, '--project', 'p'], {
      env: { SYSTEM_ACCESSTOKEN: token, NODE_EXTRA_CA_CERTS: tls.certificate.certPath, ...env },
    });

  it('carries every call through a CONNECT tunnel, without the credential', async () => {
    connects.length = 0;
    tls.server.requests.length = 0;

    const result = await run({ HTTPS_PROXY: proxyUrl, NO_PROXY: '' });

    expect(result.code, result.stdout).toBe(3);
    expect(connects.length).toBeGreaterThan(0);
    expect(new Set(connects.map((seen) => seen.target))).toEqual(new Set([new URL(origin()).host]));
    expect(connects.flatMap((seen) => Object.keys(seen.headers))).not.toContain('authorization');
    expect(JSON.stringify(connects)).not.toContain(token);
    expect(tls.server.requests[0]?.headers['authorization']).toBe(`Bearer ${token}`);
  });

  it('goes direct to a host NO_PROXY names', async () => {
    connects.length = 0;
    tls.server.requests.length = 0;

    const result = await run({ HTTPS_PROXY: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' });

    expect(result.code, result.stdout).toBe(3);
    expect(connects).toEqual([]);
    expect(tls.server.requests.length).toBeGreaterThan(0);
  });
});

describe('chooseProxy', () => {
  const target = new URL('https://dev.azure.com/fabrikam');

  it.each([
    [{ HTTPS_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    [{ https_proxy: 'proxy:8080' }, 'http://proxy:8080/'],
    [{ HTTP_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    [{ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'example.com' }, 'http://proxy:3128/'],
    [{ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'azure.com:80' }, 'http://proxy:3128/'],
  ])('uses the proxy for %j', (env, expected) => {
    expect(chooseProxy(target, env)?.href).toBe(expected);
  });

  it.each([
    [{}],
    [{ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '*' }],
    [{ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.azure.com' }],
    [{ HTTPS_PROXY: 'http://proxy:3128', no_proxy: 'x.org, dev.azure.com' }],
    [{ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'dev.azure.com:443' }],
  ])('goes direct for %j', (env) => {
    expect(chooseProxy(target, env)).toBeUndefined();
  });

  it('never proxies plain http (loopback only, an emulator)', () => {
    expect(
      chooseProxy(new URL('http://127.0.0.1:8080/org'), { HTTP_PROXY: 'http://proxy:3128' }),
    ).toBeUndefined();
  });
});
