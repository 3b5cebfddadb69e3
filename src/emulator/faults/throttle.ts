// Per-identity throttling: N requests, then 429 + Retry-After for a period, as §6 describes the blocked state.
import type { ThrottleSettings } from './fault-types.js';

interface IdentityBudget {
  count: number;
  episodes: number;
  blockedUntilMs: number;
}

export type ThrottleDecision =
  { blocked: false } | { blocked: true; retryAfterSeconds: number; opened: boolean };

export class Throttle {
  private readonly budgets = new Map<string, IdentityBudget>();

  constructor(private readonly settings: ThrottleSettings | undefined) {}

  /** Counts one request of `token` and says whether it is blocked; `opened` = this request started the block. */
  check(token: 'job' | 'pat', nowMs: number): ThrottleDecision {
    const settings = this.settings;
    if (settings === undefined || (settings.identity !== undefined && settings.identity !== token)) {
      return { blocked: false };
    }
    let budget = this.budgets.get(token);
    if (budget === undefined) {
      budget = { count: 0, episodes: 0, blockedUntilMs: 0 };
      this.budgets.set(token, budget);
    }
    if (budget.blockedUntilMs > nowMs) {
      return {
        blocked: true,
        retryAfterSeconds: Math.ceil((budget.blockedUntilMs - nowMs) / 1000),
        opened: false,
      };
    }
    if (budget.blockedUntilMs !== 0) {
      // The period is over: the identity's usage starts again from zero.
      budget.blockedUntilMs = 0;
      budget.count = 0;
    }
    budget.count += 1;
    if (budget.count > settings.afterRequests && budget.episodes < (settings.episodes ?? 1)) {
      budget.episodes += 1;
      budget.blockedUntilMs = nowMs + settings.retryAfterSeconds * 1000;
      return { blocked: true, retryAfterSeconds: settings.retryAfterSeconds, opened: true };
    }
    return { blocked: false };
  }

  /** Requests left before the identity is blocked (for X-RateLimit-Remaining). */
  remaining(token: 'job' | 'pat'): number | undefined {
    const settings = this.settings;
    if (settings === undefined) return undefined;
    const used = this.budgets.get(token)?.count ?? 0;
    return Math.max(0, settings.afterRequests - used);
  }

  /** Epoch seconds at which the identity's block ends (for X-RateLimit-Reset). */
  resetAtSeconds(token: 'job' | 'pat', nowMs: number): number {
    const until = this.budgets.get(token)?.blockedUntilMs ?? 0;
    return Math.ceil(Math.max(until, nowMs) / 1000);
  }
}
