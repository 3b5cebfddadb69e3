// A throwaway self-signed certificate for 127.0.0.1, made at test time with the system's openssl (no key material
// in the repository), and a tiny https server on loopback that records each request.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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

/** `which openssl` without a shell. */
export async function hasOpenssl(): Promise<boolean> {
  return promisify(execFile)('openssl', ['version']).then(
    () => true,
    () => false,
  );
}
