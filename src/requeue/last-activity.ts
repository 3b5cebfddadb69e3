// Pure: the most recent activity of a pull request, as far as the answers already read can tell.
// The pull-request list has no "last updated" field (reference §3.3) and its commit refs carry no dates, so
// fetching real activity would cost calls per PR. Two times are already in hand: the PR's creation, and when a
// policy build was last queued for it (`context.buildStartedUtc`, §4), which happens on every push to the source
// branch (and on a manual requeue). The newer of the two is the activity; it costs no extra call.
import type { PolicyCheck, PullRequest } from './model.js';

export interface LastActivity {
  /** Epoch milliseconds; 0 when no time could be read, so such PRs sort last. */
  readonly ms: number;
  /** The ISO text the time came from, for the report; absent when none was readable. */
  readonly at?: string;
}

export function lastActivityOf(pullRequest: PullRequest, checks: readonly PolicyCheck[]): LastActivity {
  let best: LastActivity = { ms: 0 };
  const times = [pullRequest.createdAt, ...checks.map((check) => check.buildStartedAt)];
  for (const text of times) {
    if (text === undefined) continue;
    const ms = parseUtcMs(text);
    if (ms !== undefined && ms > best.ms) best = { ms, at: text };
  }
  return best;
}

/**
 * Parses an ISO date-time; one without a zone is read as UTC, the way the service writes such values (some
 * answers drop the `Z`, reference §3.5). Undefined for anything unreadable.
 */
export function parseUtcMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const withZone = hasZone || !trimmed.includes('T') ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? ms : undefined;
}
