// The adapter's one way to send a call that may carry a JSON body (POST, DELETE, or a GET): through the pipeline,
// a failure classified into an ApiFailure naming the call.
import type { HttpMethod, HttpResponse, SendRequest } from '../http/types.js';
import { failureFromError } from './call-failure.js';

export async function sendJson(
  send: SendRequest,
  request: { method: HttpMethod; url: URL; what: string; body?: unknown; idempotent: boolean },
): Promise<HttpResponse> {
  const { method, url, what, body, idempotent } = request;
  try {
    return await send({
      method,
      url,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      idempotent,
      operation: what,
    });
  } catch (error) {
    throw failureFromError(error, what);
  }
}
