// The arithmetic of the benchmark, kept pure so bench-math.test.ts can prove it: medians, the latency
// bound, efficiency against it, speed-up ratios and API-call overhead.

/** The middle value (the mean of the two middle values for an even count); undefined for no samples. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] as number) + upper) / 2;
}

export interface BoundInput {
  /** Requests the emulator served in the run. */
  readonly requests: number;
  /** Injected latency per request, in ms. */
  readonly latencyMs: number;
  /** Requests in flight at once (1 for the sequential baseline). */
  readonly concurrency: number;
}

/**
 * The shortest possible wall time when every request waits `latencyMs` and at most `concurrency` are in
 * flight: `requests × latency / concurrency` (docs/performance.md, "The model").
 */
export function latencyBoundMs(input: BoundInput): number {
  if (input.concurrency < 1) throw new RangeError(`concurrency must be ≥ 1, got ${input.concurrency}`);
  return (input.requests * input.latencyMs) / input.concurrency;
}

/**
 * How close a run came to the bound: bound / wall, 1 = at the bound. Undefined when the bound is 0
 * (no injected latency), where the bound says nothing.
 */
export function efficiency(boundMs: number, wallMs: number): number | undefined {
  if (boundMs <= 0 || wallMs <= 0) return undefined;
  return boundMs / wallMs;
}

/** How many times faster `ours` is than `baseline` (baseline / ours); undefined if either is missing. */
export function speedup(baselineMs: number | undefined, oursMs: number | undefined): number | undefined {
  if (baselineMs === undefined || oursMs === undefined || oursMs <= 0) return undefined;
  return baselineMs / oursMs;
}

export interface MinimalCalls {
  /** PR list pages, the final short (possibly empty) one included. */
  readonly pages: number;
  /** PRs whose checks had to be read (drafts and conflicts are not read). */
  readonly pullRequestsRead: number;
  readonly requeues: number;
}

/** The fewest calls the job needs: one per page, one per PR read, one per requeue. */
export function minimalCalls(calls: MinimalCalls): number {
  return calls.pages + calls.pullRequestsRead + calls.requeues;
}

/** Pages of `pageSize` needed to list `count` items when paging stops at the first short page. */
export function pagesFor(count: number, pageSize: number): number {
  return Math.floor(count / pageSize) + 1;
}

/** Calls above the minimum as a fraction (0.01 = 1 % more calls than needed). */
export function callOverhead(actual: number, minimal: number): number {
  if (minimal <= 0) throw new RangeError(`minimal must be > 0, got ${minimal}`);
  return actual / minimal - 1;
}

/**
 * The nearest-rank percentile: the smallest sample with at least `p` % of the samples at or below it (p99 of
 * 11 samples is the largest). Undefined for no samples.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}
