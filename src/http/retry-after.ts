// Pure parsers for the server's "wait" and rate-limit headers. No clock, no I/O: `nowMs` is passed in.
// Azure DevOps headers: https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits
// ("Retry-After can arrive on an HTTP 200; honour it on any status"). Retry-After formats: RFC 9110 §10.2.3
// (delay-seconds or an HTTP-date, which has three accepted forms, §5.6.7).

type Headers = Readonly<Record<string, string>>;

/**
 * How long the server asked us to wait, in ms, or `undefined` when it did not ask or the header is
 * malformed. Precedence as in Azure core-rest-pipeline's throttling strategy: `retry-after-ms`,
 * `x-ms-retry-after-ms`, then `Retry-After`. Dates in the past give 0.
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers[name]?.trim();
    if (value !== undefined && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  }
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter === undefined) return undefined;
  if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const dateMs = parseHttpDate(retryAfter);
  return dateMs === undefined ? undefined : Math.max(0, dateMs - nowMs);
}

/** The Azure DevOps `X-RateLimit-*` headers that we compute with (never `X-RateLimit-Resource`). */
export interface RateLimitHeaders {
  /** `X-RateLimit-Delay`: how long the server delayed this request (seconds with up to 3 decimals). */
  readonly delayMs?: number;
  /** `X-RateLimit-Remaining`: TSTUs left before delays start; 0 when already delayed or blocked. */
  readonly remaining?: number;
  /** `X-RateLimit-Limit`: TSTUs allowed before delays start. */
  readonly limit?: number;
}

/** Reads `X-RateLimit-Delay`, `-Remaining` and `-Limit`; malformed values are left out. */
export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders {
  const delaySeconds = parseNonNegative(headers['x-ratelimit-delay']);
  const remaining = parseNonNegative(headers['x-ratelimit-remaining']);
  const limit = parseNonNegative(headers['x-ratelimit-limit']);
  return {
    ...(delaySeconds === undefined ? {} : { delayMs: Math.round(delaySeconds * 1000) }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(limit === undefined ? {} : { limit }),
  };
}

function parseNonNegative(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  return trimmed !== undefined && /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
// obsolete RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
const RFC_850 = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`,
);
// obsolete asctime: "Sun Nov  6 08:49:37 1994"
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/** Parses the three HTTP-date forms into epoch ms (UTC), or `undefined`. Hand-written because `Date.parse` accepts far more. */
function parseHttpDate(text: string): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) return toEpochMs(match[3], match[2], match[1], match[4], match[5], match[6]);
  match = RFC_850.exec(text);
  if (match) {
    // RFC 9110 §5.6.7: a two-digit year that looks more than 50 years in the future is in the past.
    const twoDigitYear = Number(match[3]);
    const year = twoDigitYear + (twoDigitYear >= 70 ? 1900 : 2000);
    return toEpochMs(String(year), match[2], match[1], match[4], match[5], match[6]);
  }
  match = ASCTIME.exec(text);
  if (match) return toEpochMs(match[6], match[1], match[2]?.trim(), match[3], match[4], match[5]);
  return undefined;
}

function toEpochMs(...parts: (string | undefined)[]): number | undefined {
  const [yearText, monthName, dayText, hourText, minuteText, secondText] = parts;
  const month = MONTHS.indexOf(monthName ?? '');
  const [year, day, hour, minute, second] = [yearText, dayText, hourText, minuteText, secondText].map(Number);
  if (year === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  if (second === undefined || hour > 23 || minute > 59 || second > 60) return undefined;
  const epochMs = Date.UTC(year, month, day, hour, minute, second);
  // Reject impossible days such as 31 Feb, which Date.UTC would roll over into March.
  return new Date(epochMs).getUTCDate() === day ? epochMs : undefined;
}
