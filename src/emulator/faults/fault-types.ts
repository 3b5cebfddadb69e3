// The fault and limit settings tests inject, from a scenario or at run time (§6 rate limits, §5 client behaviour).

/** Which requests a fault applies to; every given field must match. */
export interface RequestMatch {
  /** HTTP method, any case. */
  method?: string;
  /** Case-insensitive substring of the decoded path, e.g. `policy/evaluations`. */
  path?: string;
  /** Regular expression (source text, matched case-insensitively) against the decoded path. */
  pathPattern?: string;
  /** Only requests authenticated with this token. */
  identity?: 'job' | 'pat';
}

/**
 * Per-identity throttling: after `afterRequests` requests the identity is blocked for `retryAfterSeconds`
 * (429 + Retry-After + X-RateLimit-*, §6); afterwards its count starts again, `episodes` times (default 1).
 */
export interface ThrottleSettings {
  afterRequests: number;
  retryAfterSeconds: number;
  episodes?: number;
  identity?: 'job' | 'pat';
  /** Shown in X-RateLimit-Resource (for humans only, §6). @default "Core" */
  resource?: string;
}

/** Rate-limit headers on every authenticated answer: a low `remaining`, and `X-RateLimit-Delay` if given (§6). */
export interface RateLimitHeaderSettings {
  remaining: number;
  limit?: number;
  delaySeconds?: number;
  resource?: string;
}

/** `Retry-After` on successful answers (§6: "Retry-After can arrive on an HTTP 200"). */
export interface RetryAfterOn200Settings extends RequestMatch {
  retryAfterSeconds: number;
  /** How many answers carry it; unlimited when omitted. */
  count?: number;
}

/**
 * - `status`: answer `status` (500/502/503/504) without acting, with `Retry-After` if `retryAfterSeconds`;
 * - `reset`: destroy the socket before acting; `applyThenDrop`: act (e.g. requeue), then destroy the socket;
 * - `huge`: pad the JSON answer to `hugeBytes`; `truncated`: cut the JSON body in half (consistent length);
 * - `nonJson`: `text/plain` body; `html`: 200 `text/html` sign-in page; `nullContext`: evaluations get
 *   `context: null`;
 * - `redirect`: answer `status` (301/302/307) with `Location` on `origin`; `foreignLinks`: add
 *   `_links.self.href` on `origin` (security tests: credentials must not follow, checklist C2/C3).
 */
export type RequestFaultKind =
  | 'status'
  | 'reset'
  | 'applyThenDrop'
  | 'huge'
  | 'truncated'
  | 'nonJson'
  | 'html'
  | 'nullContext'
  | 'redirect'
  | 'foreignLinks';

export interface RequestFault extends RequestMatch {
  kind: RequestFaultKind;
  status?: number;
  retryAfterSeconds?: number;
  /** How many matching requests get the fault; unlimited when omitted. */
  count?: number;
  /** Another origin, e.g. `http://127.0.0.1:4000`, for `redirect` and `foreignLinks`. */
  origin?: string;
  /** @default 20_000_000 */
  hugeBytes?: number;
}

/** Everything `PUT /_emulator/faults` accepts; replaces the previous settings as a whole. */
export interface FaultSettings {
  throttle?: ThrottleSettings;
  rateLimitHeaders?: RateLimitHeaderSettings;
  retryAfterOn200?: RetryAfterOn200Settings;
  requests?: RequestFault[];
}
