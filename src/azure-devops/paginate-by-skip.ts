// `$top`/`$skip` paging (pull requests, policy evaluations: reference §3.3, §3.4), by what the server returns: the
// next page starts after the items received, not after the `$top` asked for, so a server that caps pages lower
// (100 of 250) loses nothing. It ends on an empty page, or on a page shorter than both `$top` and the smallest
// known cap; a full page with no new item, or more items than the limit, stops it with a failure.
import type { GetJson } from './get-json.js';
import { parseAnswer } from './get-json.js';
import { pagingDidNotAdvance, SMALLEST_PAGE_CAP, tooManyItems } from './listing-limits.js';

export interface SkipPaging<T> {
  readonly get: GetJson;
  readonly urlFor: (skip: number, top: number) => URL;
  readonly top: number;
  readonly what: string;
  readonly parse: (body: unknown) => T[];
  /** Items are told apart by this; one already listed (a page shifted by a new item) is not yielded again. */
  readonly idOf: (item: T) => string | number;
  readonly maxItems: number;
  readonly signal?: AbortSignal;
}

/** Yields the new items of every page. */
export async function* paginateBySkip<T>(paging: SkipPaging<T>): AsyncGenerator<T[]> {
  const { what, top } = paging;
  const lastPageBelow = Math.min(top, SMALLEST_PAGE_CAP);
  const seen = new Set<string | number>();
  for (let skip = 0; ;) {
    const { body } = await paging.get(paging.urlFor(skip, top), what, paging.signal);
    const page = parseAnswer(what, () => paging.parse(body));
    const fresh = page.filter((item) => !seen.has(paging.idOf(item)));
    // A short page of repeats is a listing that shifted at its end; a full one is a server not advancing.
    if (fresh.length === 0 && page.length >= lastPageBelow) {
      throw pagingDidNotAdvance(what, `the page at $skip=${skip} repeated items already listed`);
    }
    for (const item of fresh) seen.add(paging.idOf(item));
    if (seen.size > paging.maxItems) throw tooManyItems(what, paging.maxItems);
    if (fresh.length > 0) yield fresh;
    if (page.length < lastPageBelow) return;
    skip += page.length;
  }
}
