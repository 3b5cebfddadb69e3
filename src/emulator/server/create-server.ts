// The node:http server: reads the request, applies latency, runs the REST pipeline or control API, logs it all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { EmulatorControl } from '../control/control-api.js';
import { handleControlRequest } from '../control/control-routes.js';
import { requestedApiVersion } from '../protocol/api-version.js';
import { parseUrl } from '../protocol/parse-url.js';
import type { EmulatorRuntime } from '../runtime/emulator-runtime.js';
import { handleApiRequest, type ApiOutcome } from './handle-api-request.js';
import { newActivityId, serviceHeaders, writeResponse } from './respond.js';

/** Request bodies are tiny (PATCH null, permission batches); anything larger is cut off. */
const MAX_BODY_BYTES = 1_000_000;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function serve(
  runtime: EmulatorRuntime,
  control: EmulatorControl,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const arrivalMs = Date.now();
  const url = parseUrl(request.url ?? '/');
  const method = (request.method ?? 'GET').toUpperCase();
  const body = await readBody(request);
  if (url.lowerSegments[0] === '_emulator') {
    handleControlRequest(control, request, response, url, body);
    return;
  }
  const seq = runtime.log.begin();
  const authorization = request.headers.authorization !== undefined;
  // Latency first: the answer (or fault) is decided when the delayed request is processed (brief §5).
  if (runtime.latencyMs > 0) await delay(runtime.latencyMs);
  let outcome: ApiOutcome;
  try {
    outcome = await handleApiRequest(runtime, { request, url, method, body, seq });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = {
      outgoing: {
        status: 500,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ message }),
      },
      fault: null,
    };
  }
  const inWindow = runtime.faults.inWindow(outcome.caller?.token ?? null, arrivalMs, seq);
  if (outcome.outgoing === undefined) {
    request.socket.destroy();
  } else {
    writeResponse(response, serviceHeaders(request, newActivityId(), outcome.caller), outcome.outgoing);
  }
  runtime.log.add({
    seq,
    timeMs: arrivalMs,
    method,
    path: url.path,
    query: url.rawQuery,
    url: url.raw,
    status: outcome.outgoing?.status ?? 0,
    token: outcome.caller?.token ?? null,
    scheme: outcome.caller?.scheme ?? null,
    identity: outcome.caller?.identity.displayName ?? null,
    authorization,
    userAgent: request.headers['user-agent'] ?? null,
    apiVersion: requestedApiVersion(url.query, request.headers.accept) ?? null,
    fault: outcome.fault,
    inRetryAfterWindow: inWindow,
    durationMs: Date.now() - arrivalMs,
  });
}

export function createEmulatorServer(runtime: EmulatorRuntime, control: EmulatorControl): Server {
  const server = createServer((request, response) => {
    serve(runtime, control, request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end(error instanceof Error ? error.message : String(error));
      }
    });
  });
  // Keep-alive clients (az, undici) reuse connections; close-per-request clients (node-api) work too. Idle
  // connections stay open longer than clients keep them (undici: 4 s), so a client never writes into a socket
  // the server is closing at that moment — a flaky ECONNRESET the real service does not produce.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
