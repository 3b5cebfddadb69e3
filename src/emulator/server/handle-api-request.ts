// The REST pipeline: organization, authentication, throttling and faults, routing, api-version, handler, body faults.
import type { IncomingMessage } from 'node:http';
import { corruptBody, foreignLinks, nullContexts } from '../faults/body-faults.js';
import type { RequestFault } from '../faults/fault-types.js';
import { authenticate, type Caller } from '../identity/authenticate.js';
import type { ParsedUrl } from '../protocol/parse-url.js';
import { ServiceError, serviceErrors } from '../protocol/service-errors.js';
import { toJson } from '../protocol/wire-format.js';
import { ALL_ROUTES } from '../routes/all-routes.js';
import { matchRoute, type Route, type RouteContext } from '../routes/route-types.js';
import { collectionPathOf, orgUrlOf, type EmulatorRuntime } from '../runtime/emulator-runtime.js';
import {
  rateLimitModeHeaders,
  serviceErrorOutgoing,
  statusFaultOutgoing,
  throttledOutgoing,
} from './rate-limit-headers.js';
import { controllerNotFound, jsonContentType, type Outgoing } from './respond.js';
import { inRelease, versionFor } from './route-version.js';
import { unauthenticatedOutgoing } from './unauthenticated.js';

export interface ApiOutcome {
  /** Absent when the socket must be destroyed without an answer. */
  outgoing?: Outgoing;
  caller?: Caller;
  fault: string | null;
}

async function runRoute(
  ctx: RouteContext,
  route: Route,
  request: IncomingMessage,
  fault: RequestFault | undefined,
): Promise<Outgoing> {
  let apiVersion: string | undefined;
  try {
    apiVersion = versionFor(route, request, ctx.url, ctx.method, ctx.runtime.serverVersion);
    const result = await route.handle(ctx);
    const status = result.status ?? 200;
    let body = result.body;
    if (fault?.kind === 'nullContext') body = nullContexts(body);
    if (fault?.kind === 'foreignLinks')
      body = foreignLinks(body, fault.origin ?? 'http://127.0.0.1:9', ctx.url.raw);
    const text =
      route.raw === true && typeof body === 'string' ? body : body === undefined ? '' : toJson(body);
    const contentType = route.raw === true ? 'application/json; charset=utf-8' : jsonContentType(apiVersion);
    const outgoing: Outgoing = { status, body: text, headers: result.headers ?? {} };
    if (status !== 204) outgoing.contentType = contentType;
    return outgoing;
  } catch (error) {
    if (error instanceof ServiceError) return serviceErrorOutgoing(error, apiVersion);
    throw error;
  }
}

function addHeaders(outgoing: Outgoing, headers: Record<string, string>): Outgoing {
  return { ...outgoing, headers: { ...outgoing.headers, ...headers } };
}

export interface ApiRequest {
  request: IncomingMessage;
  url: ParsedUrl;
  method: string;
  body: Buffer;
  /** Request-log sequence number, stamped on the Retry-After windows this request opens. */
  seq: number;
}

export async function handleApiRequest(runtime: EmulatorRuntime, incoming: ApiRequest): Promise<ApiOutcome> {
  const { request, url, method, body, seq } = incoming;
  const store = runtime.store;
  const orgUrl = orgUrlOf(runtime);
  const collection = collectionPathOf(runtime);
  if (collection.some((segment, index) => url.lowerSegments[index] !== segment.toLowerCase())) {
    return { outgoing: controllerNotFound(url.path), fault: null };
  }
  const auth = authenticate(request.headers.authorization, runtime.tokens, store.identities);
  if (auth.kind !== 'ok') {
    return { outgoing: unauthenticatedOutgoing(request, method, runtime.origin, orgUrl), fault: null };
  }
  const caller = auth.caller;
  const wallNowMs = Date.now();
  const match = { method, path: url.path, token: caller.token };
  const throttle = runtime.faults.throttle.check(caller.token, wallNowMs);
  if (throttle.blocked) {
    if (throttle.opened) {
      const endMs = wallNowMs + throttle.retryAfterSeconds * 1000;
      const window = {
        seq,
        token: caller.token,
        startMs: wallNowMs,
        endMs,
        seconds: throttle.retryAfterSeconds,
      };
      runtime.faults.recordWindow({ ...window, status: 429, reason: 'throttle', method, path: url.path });
    }
    return {
      outgoing: throttledOutgoing(runtime, caller.token, throttle.retryAfterSeconds, wallNowMs),
      caller,
      fault: 'throttle',
    };
  }
  const fault = runtime.faults.take(match);
  if (fault?.kind === 'reset') return { caller, fault: 'reset' };
  if (fault?.kind === 'status') {
    const outgoing = statusFaultOutgoing(fault);
    if (fault.retryAfterSeconds !== undefined) {
      const endMs = wallNowMs + fault.retryAfterSeconds * 1000;
      const window = {
        seq,
        token: caller.token,
        startMs: wallNowMs,
        endMs,
        seconds: fault.retryAfterSeconds,
      };
      runtime.faults.recordWindow({
        ...window,
        status: outgoing.status,
        reason: 'status',
        method,
        path: url.path,
      });
    }
    return { outgoing, caller, fault: 'status' };
  }
  if (fault?.kind === 'redirect') {
    const location = `${(fault.origin ?? 'http://127.0.0.1:9').replace(/\/$/, '')}${url.raw}`;
    return {
      outgoing: { status: fault.status ?? 302, body: '', headers: { location } },
      caller,
      fault: 'redirect',
    };
  }
  const rest = collection.length;
  const found = matchRoute(ALL_ROUTES, method, url.lowerSegments.slice(rest), url.segments.slice(rest));
  // A resource the release lacks is an unknown route there, as on the real server.
  if (found.kind === 'none' || (found.kind === 'found' && !inRelease(found.route, runtime.serverVersion))) {
    return { outgoing: controllerNotFound(url.path), caller, fault: null };
  }
  if (found.kind === 'wrongMethod') {
    return {
      outgoing: serviceErrorOutgoing(serviceErrors.methodNotAllowed(method), undefined),
      caller,
      fault: null,
    };
  }
  const ctx: RouteContext = {
    runtime,
    store,
    caller,
    method,
    url,
    params: found.params,
    body,
    nowMs: runtime.clock.nowMs(),
    orgUrl,
  };
  let outgoing = await runRoute(ctx, found.route, request, fault);
  if (fault?.kind === 'applyThenDrop') return { caller, fault: 'applyThenDrop' };
  if (fault !== undefined && outgoing.status < 400) {
    outgoing = {
      ...outgoing,
      ...corruptBody(
        fault,
        { status: outgoing.status, contentType: outgoing.contentType ?? '', body: outgoing.body },
        orgUrl,
      ),
    };
  }
  outgoing = addHeaders(outgoing, rateLimitModeHeaders(runtime, wallNowMs));
  const retryAfter = outgoing.status < 300 ? runtime.faults.takeRetryAfterOn200(match) : undefined;
  if (retryAfter !== undefined) {
    outgoing = addHeaders(outgoing, { 'retry-after': String(retryAfter) });
    const window = {
      seq,
      token: caller.token,
      startMs: wallNowMs,
      endMs: wallNowMs + retryAfter * 1000,
      seconds: retryAfter,
    };
    runtime.faults.recordWindow({
      ...window,
      status: outgoing.status,
      reason: 'retryAfterOn200',
      method,
      path: url.path,
    });
  }
  return { outgoing, caller, fault: fault?.kind ?? (retryAfter === undefined ? null : 'retryAfterOn200') };
}
