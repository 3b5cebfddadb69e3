// The adapter's one way to GET: through the pipeline, failures classified, the answer parsed as JSON, and answers
// without the shape the rules need turned into an ApiFailure naming the call.
import type { HttpResponse, SendRequest } from '../http/types.js';
import { failureFromError } from './call-failure.js';
import { readJson } from './read-response.js';

export type GetJson = (
  url: URL,
  what: string,
  signal?: AbortSignal,
) => Promise<{ body: unknown; response: HttpResponse }>;

export function createGetJson(send: SendRequest): GetJson {
  return async (url, what, signal) => {
    let response: HttpResponse;
    try {
      response = await send({
        method: 'GET',
        url,
        headers: {},
        idempotent: true,
        operation: what,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw failureFromError(error, what);
    }
    return { body: readJson(response, what), response };
  };
}

/** Runs a parser over an answer; a missing field becomes "<what>: unexpected answer: …" (never an internal error). */
export function parseAnswer<T>(what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw failureFromError(error, what);
  }
}
