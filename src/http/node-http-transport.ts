// The default wire: node:http and node:https with one keep-alive pool per client, sized to its concurrency.
// Chosen over Node 20's fetch (undici), which is kept as `fetch-transport.ts`: for the same 12,000 GETs fetch
// promoted about 160 MB of per-request garbage to the old generation and node:http none, which is the
// difference between missing and meeting the memory budget at 10,000 PRs (docs/performance.md).
// Redirects are returned, never followed here: the redirect policy decides, so credentials never follow them.

import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { StringDecoder } from 'node:string_decoder';

import { HttpsProxyAgent } from 'https-proxy-agent';

import { redactUrl } from '../redaction/redact.js';
import { chooseProxy, type ProxyEnvironment } from './choose-proxy.js';
import { NetworkError } from './errors/network-error.js';
import { ResponseTooLargeError } from './errors/response-too-large-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { HttpRequest, HttpResponse, Transport } from './types.js';

export interface NodeHttpTransportOptions {
  /** Sockets per origin; the pipeline never has more requests in flight than its concurrency. @default 8 */
  readonly maxSockets?: number;
  /** The largest response body accepted, in bytes. @default 67_108_864 (64 MiB) */
  readonly maxResponseBytes?: number | undefined;
  /** Extra redaction applied to the messages of wrapped causes (e.g. a secret registry). */
  readonly redact?: (text: string) => string;
  /** Where HTTPS_PROXY and NO_PROXY are read (choose-proxy.ts). @default process.env */
  readonly proxyEnv?: ProxyEnvironment;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Creates a Transport. Throws NetworkError, TimeoutError or ResponseTooLargeError; never an HTTP status error. */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  const maxSockets = options.maxSockets ?? 8;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // TLS verification stays on: nothing here sets rejectUnauthorized (security checklist C6).
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  // One tunnelling agent per proxy, keep-alive like the direct one; the CONNECT carries no header of the request.
  const proxyAgents = new Map<string, HttpsProxyAgent<string>>();
  const proxyEnv = options.proxyEnv ?? process.env;
  const httpsAgentFor = (url: URL): HttpsAgent | HttpsProxyAgent<string> => {
    const proxy = chooseProxy(url, proxyEnv);
    if (proxy === undefined) return agents.https;
    let agent = proxyAgents.get(proxy.href);
    if (agent === undefined) {
      agent = new HttpsProxyAgent(proxy.href, { keepAlive: true, maxSockets });
      proxyAgents.set(proxy.href, agent);
    }
    return agent;
  };
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) {
        reject(toTransportError(signal.reason, request, options.redact));
        return;
      }
      const secure = request.url.protocol === 'https:';
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      let outgoing: ClientRequest;
      try {
        outgoing = (secure ? httpsRequest : httpRequest)(request.url, {
          method: request.method,
          headers,
          agent: secure ? httpsAgentFor(request.url) : agents.http,
        });
      } catch {
        // e.g. a header value with a newline: node's message may quote it, so it is not kept. Nothing was sent.
        const cause = new Error('the request could not be built (invalid URL, header or body)');
        reject(new NetworkError({ ...describe(request), code: 'ERR_INVALID_REQUEST', cause }));
        return;
      }
      // The abort is wired here rather than with request()'s `signal` option, which registers more listeners and
      // stream bookkeeping per request: about 10 MB more old-generation garbage and 15 % more CPU over 12,500
      // requests (docs/performance.md). Destroying the request fails the response body too.
      const abort = (): void => {
        outgoing.destroy(
          signal?.reason instanceof Error ? signal.reason : new Error('the request was aborted'),
        );
      };
      signal?.addEventListener('abort', abort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', abort);
      const fail = (error: unknown): void => {
        done();
        reject(toTransportError(error, request, options.redact));
      };
      outgoing.once('error', fail);
      outgoing.once('response', (incoming) => {
        readBody(incoming, request, maxResponseBytes).then((bodyText) => {
          done();
          resolve({ status: incoming.statusCode ?? 0, headers: flatHeaders(incoming), bodyText, request });
        }, fail);
      });
      outgoing.end(request.body);
    });
}

/** Collects the body as text (a leading BOM is dropped), failing past the limit. */
function readBody(
  incoming: IncomingMessage,
  request: HttpRequest,
  maxResponseBytes: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): void => {
      incoming.destroy();
      reject(
        new ResponseTooLargeError({
          method: request.method,
          url: redactUrl(request.url),
          operation: request.operation,
          maxResponseBytes,
        }),
      );
    };
    if (Number(incoming.headers['content-length'] ?? '0') > maxResponseBytes) return tooLarge();
    // Decoded chunk by chunk into V8 strings instead of Buffer.concat: one large malloc per page of pull
    // requests (hundreds of KB) left glibc's heap fragmented, about 15 MB of resident memory at 10,000 PRs that
    // the process never gave back (docs/performance.md).
    const decoder = new StringDecoder('utf8');
    let text = '';
    let receivedBytes = 0;
    incoming.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.byteLength;
      if (receivedBytes > maxResponseBytes) return tooLarge();
      text += decoder.write(chunk);
    });
    incoming.once('error', reject);
    // A body cut short (the request destroyed, the socket closed) must settle too, error event or not.
    incoming.once('close', () => {
      if (!incoming.complete)
        reject(Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' }));
    });
    incoming.once('end', () => resolve((text + decoder.end()).replace(/^\uFEFF/, '')));
  });
}

// Headers node:http keeps the first of when a server repeats them (its IncomingMessage rules); others are joined.
const FIRST_ONE_WINS: ReadonlySet<string> = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
]);

/**
 * Lower-case names, repeated values joined with ", ", from the raw pairs: `incoming.headers` would build an
 * object only to be copied into this one, twice the garbage for every answer.
 */
function flatHeaders(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = (raw[index] as string).toLowerCase();
    const value = raw[index + 1] as string;
    const earlier = headers[name];
    if (earlier === undefined) headers[name] = value;
    else if (!FIRST_ONE_WINS.has(name)) headers[name] = `${earlier}, ${value}`;
  }
  return headers;
}

/** Maps socket and abort errors onto the pipeline's errors; a caller's own abort reason is passed through. */
function toTransportError(error: unknown, request: HttpRequest, redact?: (text: string) => string): Error {
  if (error instanceof ResponseTooLargeError) return error;
  const details = describe(request);
  if (request.signal?.aborted) {
    const reason: unknown = request.signal.reason;
    // AbortSignal.timeout() and the timeout policy abort with an error named TimeoutError.
    if (reason instanceof Error && reason.name === 'TimeoutError')
      return new TimeoutError({ ...details, cause: reason });
    return reason instanceof Error ? reason : new Error('the request was aborted');
  }
  const code: unknown = (error as { code?: unknown } | undefined)?.code;
  return new NetworkError({
    ...details,
    code: typeof code === 'string' ? code : 'UNKNOWN',
    cause: error,
    ...(redact ? { redact } : {}),
  });
}

function describe(request: HttpRequest): { method: HttpRequest['method']; url: string; operation: string } {
  return { method: request.method, url: redactUrl(request.url), operation: request.operation };
}
