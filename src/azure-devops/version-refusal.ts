// Recognises the server refusing the api-version of a request (HTTP 400, reference §1.2): above its range
// (`VssVersionOutOfRangeException`, whose message names the server's ceiling unless it is the per-route variant),
// or a released version of a resource that is only a preview on this server (`VssInvalidPreviewVersionException`).
import { createHttpError } from '../http/create-http-error.js';
import type { HttpResponse } from '../http/types.js';
import { parseApiVersion, type ApiVersion } from './api-version.js';

export interface VersionRefusal {
  /** "The latest REST API version this server supports is 5.0." → 5.0; absent in the per-route wording. */
  readonly ceiling?: ApiVersion;
}

const REFUSALS = new Set(['VssVersionOutOfRangeException', 'VssInvalidPreviewVersionException']);

export function readVersionRefusal(response: HttpResponse): VersionRefusal | undefined {
  if (response.status !== 400) return undefined;
  const { typeKey, serverMessage } = createHttpError(response);
  if (typeKey === undefined || !REFUSALS.has(typeKey)) return undefined;
  const stated = /supports is (\d+\.\d+)/i.exec(serverMessage ?? '')?.[1];
  const ceiling = stated === undefined ? undefined : parseApiVersion(stated);
  return ceiling === undefined ? {} : { ceiling };
}
