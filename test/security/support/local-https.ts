// A throwaway self-signed certificate for 127.0.0.1, made at test time with the system's openssl (no key material
// in the repository), a tiny https server on loopback that records each request, and the two as a test file's
// fixture (made before its tests, removed after; the file's tests skip where there is no openssl).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll } from 'vitest';

export interface SelfSignedCertificate {
  readonly key: string;
  readonly cert: string;
  /** A PEM file of the certificate, for NODE_EXTRA_CA_CERTS. */
  readonly certPath: string;
  remove(): Promise<void>;
}

export async function makeSelfSignedCertificate(): Promise<SelfSignedCertificate> {
  const directory = await mkdtemp(join(tmpdir(), 'azdo-requeue-tls-'));
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return {
    key: await readFile(keyPath, 'utf8'),
    cert: await readFile(certPath, 'utf8'),
    certPath,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void;

export interface LocalHttpsServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startLocalHttps(
  certificate: SelfSignedCertificate,
  handle: Handler,
): Promise<LocalHttpsServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(
    { key: certificate.key, cert: certificate.cert },
    (req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        requests.push(recorded);
        handle(recorded, res);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface LocalHttpsFixture {
  /** False without openssl: guard the file's tests with `describe.skipIf(!fixture.available)`. */
  readonly available: boolean;
  /** Both are there from the file's beforeAll to its afterAll. */
  readonly certificate: SelfSignedCertificate;
  readonly server: LocalHttpsServer;
}

/**
 * A certificate and an https server answering with `handle`, for every test of the calling file: registers the
 * beforeAll that makes them and the afterAll that closes and removes them. Call it at the top level of the file.
 */
export async function useLocalHttps(handle: Handler): Promise<LocalHttpsFixture> {
  const available = await hasOpenssl();
  let certificate: SelfSignedCertificate | undefined;
  let server: LocalHttpsServer | undefined;
  beforeAll(async () => {
    if (!available) return;
    certificate = await makeSelfSignedCertificate();
    server = await startLocalHttps(certificate, handle);
  });
  afterAll(async () => {
    await server?.close();
    await certificate?.remove();
  });
  const made = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`the local https ${what} is made in beforeAll, and only with openssl`);
    return value;
  };
  return {
    available,
    get certificate() {
      return made(certificate, 'certificate');
    },
    get server() {
      return made(server, 'server');
    },
  };
}

/** `which openssl` without a shell. */
export async function hasOpenssl(): Promise<boolean> {
  return promisify(execFile)('openssl', ['version']).then(
    () => true,
    () => false,
  );
}
