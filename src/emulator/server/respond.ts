// Writes answers with the headers the real service sends (§1.4, §10.12), whatever the status.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../identity/authenticate.js';

export interface Outgoing {
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string | string[]>;
}

/** Per-request identifiers: ActivityId, echoed as X-VSS-E2EID and (without a client session) X-TFS-Session. */
export function newActivityId(): string {
  return randomUUID();
}

/** The service's standard headers; X-VSS-UserData only for authenticated callers (absent on 401, §1.4). */
export function serviceHeaders(
  request: IncomingMessage,
  activityId: string,
  caller: Caller | undefined,
): Record<string, string> {
  const session = request.headers['x-tfs-session'];
  const headers: Record<string, string> = {
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    activityid: activityId,
    'x-tfs-session': typeof session === 'string' && session !== '' ? session : activityId,
    'x-vss-e2eid': activityId,
    'x-tfs-processid': '00000000-0000-0000-0000-00000000e111',
    'x-vss-senderdeploymentid': 'ed30ce5c-9d0a-f73c-3580-4315c7f84d83',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'x-cache': 'CONFIG_NOCACHE',
    'request-context': 'appId=cid-v1:emulator',
    'access-control-expose-headers': 'Request-Context',
    // Ref A is random per request in the service; the activity id's digits serve without another random draw.
    'x-msedge-ref': `Ref A: ${activityId.replaceAll('-', '').toUpperCase()} Ref B: EMU01EDGE0000 Ref C: ${new Date().toISOString()}`,
  };
  if (caller !== undefined) {
    headers['x-vss-userdata'] = `${caller.identity.id}:${caller.identity.uniqueName}`;
  }
  return headers;
}

export function jsonContentType(apiVersion: string | undefined): string {
  return apiVersion === undefined
    ? 'application/json; charset=utf-8'
    : `application/json; charset=utf-8; api-version=${apiVersion}`;
}

/** Writes the answer unless the client is already gone. */
export function writeResponse(
  response: ServerResponse,
  base: Record<string, string>,
  outgoing: Outgoing,
): void {
  if (response.destroyed || response.headersSent) {
    return;
  }
  const body = Buffer.from(outgoing.body, 'utf8');
  const headers: Record<string, string | string[] | number> = { ...base, ...outgoing.headers };
  if (outgoing.contentType !== undefined) {
    headers['content-type'] = outgoing.contentType;
  }
  headers['content-length'] = body.length;
  // One writeHead with every header is much cheaper than a setHeader per header at thousands of requests/s.
  response.writeHead(outgoing.status, headers);
  response.end(body);
}

/** 404 for a path no controller serves, word for word (§5), with the URL-encoded x-tfs-serviceerror. */
export function controllerNotFound(path: string): Outgoing {
  const message = `The controller for path '${path}' was not found or does not implement IController.`;
  return {
    status: 404,
    contentType: 'text/plain; charset=utf-8',
    body: message,
    headers: { 'x-tfs-serviceerror': encodeURIComponent(message) },
  };
}
