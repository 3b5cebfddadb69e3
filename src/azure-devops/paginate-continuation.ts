// Continuation-token paging (projects, builds: reference §3.1, §3.6): the next page's token comes in the
// `x-ms-continuationtoken` header. A token seen before, or a page without a new item that still asks for more,
// would loop forever, and a server that keeps sending new items would fill the memory: each is a failure.
import type { GetJson } from './get-json.js';
import { parseAnswer } from './get-json.js';
import { pagingDidNotAdvance, tooManyItems } from './listing-limits.js';

export interface ContinuationPaging<T> {
  readonly get: GetJson;
  /** The URL of a page; no token for the first. */
  readonly urlFor: (continuationToken: string | undefined) => URL;
  readonly what: string;
  readonly parse: (body: unknown) => T[];
  /** Pages are not a snapshot: an item seen on an earlier page is not yielded again. */
  readonly idOf: (item: T) => string | number;
  readonly maxItems: number;
  readonly signal?: AbortSignal;
}

/** Yields the new items of every page. */
export async function* paginateByContinuation<T>(paging: ContinuationPaging<T>): AsyncGenerator<T[]> {
  const { what } = paging;
  const tokens = new Set<string>();
  const seen = new Set<string | number>();
  let token: string | undefined;
  do {
    const { body, response } = await paging.get(paging.urlFor(token), what, paging.signal);
    const fresh = parseAnswer(what, () => paging.parse(body)).filter((item) => !seen.has(paging.idOf(item)));
    for (const item of fresh) seen.add(paging.idOf(item));
    if (seen.size > paging.maxItems) throw tooManyItems(what, paging.maxItems);
    if (fresh.length > 0) yield fresh;
    token = response.headers['x-ms-continuationtoken'] || undefined;
    if (token === undefined) return;
    if (tokens.has(token)) throw pagingDidNotAdvance(what, 'the continuation token repeated');
    if (fresh.length === 0) throw pagingDidNotAdvance(what, 'a page without a new item asked for another');
    tokens.add(token);
  } while (token !== undefined);
}
