// Continuation-token paging (projects, builds: reference §3.1, §3.6): the next page's token comes in the
// `x-ms-continuationtoken` header. A token that does not advance would loop forever, so it is an error.
import { ApiFailure } from '../requeue/checks-api.js';
import type { GetJson } from './get-json.js';

/** Yields the body of every page; `urlFor(token)` builds the URL of a page (no token for the first). */
export async function* paginateByContinuation(
  get: GetJson,
  urlFor: (continuationToken: string | undefined) => URL,
  what: string,
  signal?: AbortSignal,
): AsyncGenerator<unknown> {
  let token: string | undefined;
  do {
    const sent = token;
    const { body, response } = await get(urlFor(token), what, signal);
    yield body;
    token = response.headers['x-ms-continuationtoken'] || undefined;
    if (token !== undefined && token === sent) {
      throw new ApiFailure('other', `${what}: the continuation token did not advance`, 'bad-paging');
    }
  } while (token !== undefined);
}
