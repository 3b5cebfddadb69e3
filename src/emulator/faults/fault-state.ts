// The live fault settings with their counters, and the Retry-After windows issued so far (§6).
import type { RetryAfterWindow } from '../protocol/request-log.js';
import type { FaultSettings, RequestFault, RequestMatch } from './fault-types.js';
import { Throttle } from './throttle.js';

export interface MatchInput {
  method: string;
  path: string;
  token: 'job' | 'pat';
}

// Compiled once per pattern: matching runs on every request, on the emulator's hot path.
const compiledPatterns = new Map<string, RegExp | null>();

function compilePattern(pattern: string): RegExp | null {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(pattern, 'i');
    } catch {
      compiled = null;
    }
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

/** Whether a request matches; an invalid `pathPattern` matches nothing rather than throwing per request. */
export function matchesRequest(match: RequestMatch, input: MatchInput): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== input.method) return false;
  if (match.identity !== undefined && match.identity !== input.token) return false;
  if (match.path !== undefined && !input.path.toLowerCase().includes(match.path.toLowerCase())) return false;
  if (match.pathPattern !== undefined && compilePattern(match.pathPattern)?.test(input.path) !== true)
    return false;
  return true;
}

export class FaultState {
  private settingsValue: FaultSettings = {};
  private uses = new Map<RequestFault, number>();
  private retryAfterOn200Uses = 0;
  private throttleValue = new Throttle(undefined);
  private windowList: RetryAfterWindow[] = [];

  constructor(settings: FaultSettings = {}) {
    this.set(settings);
  }

  /** Replaces every setting and its counters (windows already issued are kept). */
  set(settings: FaultSettings): void {
    this.settingsValue = structuredClone(settings);
    this.uses = new Map();
    this.retryAfterOn200Uses = 0;
    this.throttleValue = new Throttle(this.settingsValue.throttle);
  }

  get settings(): FaultSettings {
    return structuredClone(this.settingsValue);
  }

  get throttle(): Throttle {
    return this.throttleValue;
  }

  get rateLimitHeaders(): FaultSettings['rateLimitHeaders'] {
    return this.settingsValue.rateLimitHeaders;
  }

  /** The first request fault that matches and has uses left; counts the use. */
  take(input: MatchInput): RequestFault | undefined {
    for (const fault of this.settingsValue.requests ?? []) {
      const used = this.uses.get(fault) ?? 0;
      if ((fault.count === undefined || used < fault.count) && matchesRequest(fault, input)) {
        this.uses.set(fault, used + 1);
        return fault;
      }
    }
    return undefined;
  }

  /** Seconds of Retry-After to add to a successful answer, if that mode is on and matches. */
  takeRetryAfterOn200(input: MatchInput): number | undefined {
    const mode = this.settingsValue.retryAfterOn200;
    if (mode === undefined || !matchesRequest(mode, input)) return undefined;
    if (mode.count !== undefined && this.retryAfterOn200Uses >= mode.count) return undefined;
    this.retryAfterOn200Uses += 1;
    return mode.retryAfterSeconds;
  }

  recordWindow(window: RetryAfterWindow): void {
    this.windowList.push(window);
  }

  /** Whether request `seq` of `token`, arriving at `arrivalMs`, fell inside a window issued to that identity earlier. */
  inWindow(token: 'job' | 'pat' | null, arrivalMs: number, seq: number): boolean {
    return this.windowList.some(
      (w) => w.token === token && w.seq !== seq && w.startMs <= arrivalMs && arrivalMs < w.endMs,
    );
  }

  windows(): RetryAfterWindow[] {
    return [...this.windowList];
  }

  clearWindows(): void {
    this.windowList = [];
  }
}
