import { describe, expect, it } from 'vitest';

import { parseRateLimitHeaders, parseRetryAfter } from './retry-after.js';

const NOW_MS = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['delta seconds', { 'retry-after': '30' }, 30_000],
    ['zero seconds', { 'retry-after': '0' }, 0],
    ['surrounding spaces', { 'retry-after': ' 5 ' }, 5_000],
    ['IMF-fixdate in 90 s', { 'retry-after': 'Sat, 28 Nov 2026 12:01:30 GMT' }, 90_000],
    ['RFC 850 date in 10 s', { 'retry-after': 'Saturday, 28-Nov-26 12:00:10 GMT' }, 10_000],
    ['asctime date in 1 s', { 'retry-after': 'Sat Nov 28 12:00:01 2026' }, 1_000],
    ['asctime single-digit day', { 'retry-after': 'Tue Dec  1 12:00:00 2026' }, 3 * 86_400_000],
    ['a date in the past', { 'retry-after': 'Sat, 28 Nov 2026 11:00:00 GMT' }, 0],
    ['retry-after-ms', { 'retry-after-ms': '1500' }, 1_500],
    ['x-ms-retry-after-ms', { 'x-ms-retry-after-ms': '250' }, 250],
    ['retry-after-ms wins over Retry-After', { 'retry-after-ms': '100', 'retry-after': '9' }, 100],
    ['fractional ms rounded up', { 'retry-after-ms': '0.2' }, 1],
  ])('reads %s', (_name, headers: Record<string, string>, expectedMs) => {
    expect(parseRetryAfter(headers, NOW_MS)).toBe(expectedMs);
  });

  it.each([
    ['no header', {}],
    ['negative seconds', { 'retry-after': '-5' }],
    ['decimal seconds', { 'retry-after': '1.5' }],
    ['words', { 'retry-after': 'soon' }],
    ['empty', { 'retry-after': '' }],
    ['a date with a time zone other than GMT', { 'retry-after': 'Sat, 28 Nov 2026 12:01:30 PST' }],
    ['an ISO date', { 'retry-after': '2026-11-28T12:01:30Z' }],
    ['an impossible day', { 'retry-after': 'Mon, 30 Feb 2026 12:00:00 GMT' }],
    ['an impossible hour', { 'retry-after': 'Sat, 28 Nov 2026 25:00:00 GMT' }],
    ['malformed retry-after-ms and no fallback', { 'retry-after-ms': 'abc' }],
    ['hex seconds', { 'retry-after': '0x10' }],
  ])('returns undefined for %s', (_name, headers: Record<string, string>) => {
    expect(parseRetryAfter(headers, NOW_MS)).toBeUndefined();
  });

  it('falls back to Retry-After when retry-after-ms is malformed', () => {
    expect(parseRetryAfter({ 'retry-after-ms': 'x', 'retry-after': '2' }, NOW_MS)).toBe(2_000);
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads delay with decimals, remaining and limit', () => {
    const headers = {
      'x-ratelimit-delay': '0.125',
      'x-ratelimit-remaining': '12.5',
      'x-ratelimit-limit': '200',
    };

    expect(parseRateLimitHeaders(headers)).toEqual({ delayMs: 125, remaining: 12.5, limit: 200 });
  });

  it('leaves out malformed and absent values', () => {
    const headers = {
      'x-ratelimit-delay': 'later',
      'x-ratelimit-remaining': '-1',
      'x-ratelimit-resource': 'Core',
    };

    expect(parseRateLimitHeaders(headers)).toEqual({});
  });
});
