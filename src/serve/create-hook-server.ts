// The HTTP surface on node:http (docs/decisions/0012): POST {hookPath} takes deliveries, GET /healthz (alive),
// GET /readyz (credential works, organization reachable), GET /metrics (Prometheus text). Nothing else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { BASIC_CHALLENGE } from './check-basic-auth.js';
import type { DeliveryAnswer } from './handle-delivery.js';
import { BodyTooLargeError, readBody } from './read-body.js';

export interface HookServerRoutes {
  readonly hookPath: string;
  readonly maxBodyBytes: number;
  /** Seconds a 503 asks Azure DevOps to wait before its retry. */
  readonly retryAfterSeconds: number;
  readonly isAuthorized: (authorization: string | undefined) => boolean;
  /** Answers an authenticated delivery's body. */
  readonly deliver: (body: Buffer) => DeliveryAnswer;
  /** Called for every delivery answered, the refused ones included. */
  readonly onDelivery: (answer: DeliveryAnswer, elapsedMs: number) => void;
  readonly isReady: () => Promise<{ ready: boolean; detail: string }>;
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  readonly now: () => number;
}

export function createHookServer(routes: HookServerRoutes): Server {
  const server = createServer((request, response) => {
    route(request, response, routes).catch(() => {
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
  // A slow or stalled client must not hold a socket (and the drain at shutdown) for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  return server;
}

async function route(request: IncomingMessage, response: ServerResponse, routes: HookServerRoutes) {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const method = request.method ?? 'GET';
  if (path === routes.hookPath) {
    if (method !== 'POST') return send(response, 405, { error: 'use POST' }, { allow: 'POST' });
    return receiveDelivery(request, response, routes);
  }
  const get: Record<string, () => Promise<void>> = {
    '/healthz': () => Promise.resolve(send(response, 200, { status: 'ok' })),
    '/readyz': async () => {
      const { ready, detail } = await routes.isReady();
      send(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', detail });
    },
    '/metrics': async () => {
      const { contentType, body } = await routes.metrics();
      response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      response.end(body);
    },
  };
  const handler = get[path];
  if (!handler) return send(response, 404, { error: 'not found' });
  if (method !== 'GET' && method !== 'HEAD')
    return send(response, 405, { error: 'use GET' }, { allow: 'GET' });
  return handler();
}

async function receiveDelivery(request: IncomingMessage, response: ServerResponse, routes: HookServerRoutes) {
  const started = routes.now();
  let answer: DeliveryAnswer = { status: 401, result: 'unauthorized' };
  try {
    // Authenticate before buffering anything: a stranger's body is not worth reading.
    if (routes.isAuthorized(request.headers.authorization)) {
      answer = routes.deliver(await readBody(request, routes.maxBodyBytes));
    }
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    answer = { status: 413, result: 'too_large' };
  }
  const headers: Record<string, string> = {};
  if (answer.status === 401) headers['www-authenticate'] = BASIC_CHALLENGE;
  if (answer.status === 503) headers['retry-after'] = String(routes.retryAfterSeconds);
  // A refused body may still be arriving: close the connection rather than read the rest.
  if (answer.status === 401 || answer.status === 413) headers['connection'] = 'close';
  send(
    response,
    answer.status,
    { result: answer.result, ...(answer.detail ? { detail: answer.detail } : {}) },
    headers,
  );
  routes.onDelivery(answer, routes.now() - started);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}
