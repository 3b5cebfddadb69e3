// Did any request reach the throttled organization inside a Retry-After window? The windows and the arrivals come
// from the emulator's own record (retryAfterWindows(), requestLog()); the client's record says which of those
// requests it sent only after the answer that opened the window had reached it. Requests already on the wire when
// a window opened cannot know about it and are counted apart (`inFlight`); every later one is a violation
// (reference §6: "Retry-After can arrive on an HTTP 200: honour it on any status").
import type { RequestLogEntry, RetryAfterWindow } from '../../../src/emulator/index.js';
import { tagOf, type ClientRequestRecord } from './recording-transport.js';

export interface RetryAfterViolation {
  readonly window: RetryAfterWindow;
  readonly entry: RequestLogEntry;
  /** How far into the window it arrived, in ms. */
  readonly intoWindowMs: number;
}

export interface RetryAfterAudit {
  readonly windows: number;
  /** Arrived inside a window, but were sent before the client knew of it. */
  readonly inFlight: number;
  readonly violations: readonly RetryAfterViolation[];
}

export function auditRetryAfter(
  windows: readonly RetryAfterWindow[],
  log: readonly RequestLogEntry[],
  client: ReadonlyMap<string, ClientRequestRecord>,
): RetryAfterAudit {
  const bySeq = new Map(log.map((entry) => [entry.seq, entry]));
  let inFlight = 0;
  const violations: RetryAfterViolation[] = [];
  for (const window of windows) {
    const opener = clientRecordOf(bySeq.get(window.seq), client);
    // An answer the client never received (e.g. the socket was dropped) opened nothing it could honour.
    const knownAt = opener?.receivedAt ?? Number.POSITIVE_INFINITY;
    for (const entry of log) {
      if (entry.seq === window.seq || entry.token !== window.token) continue;
      if (entry.timeMs < window.startMs || entry.timeMs >= window.endMs) continue;
      const sent = clientRecordOf(entry, client);
      if (sent === undefined) throw new Error(`request ${entry.seq} was not sent by the audited client`);
      if (sent.sentAt > knownAt) {
        violations.push({ window, entry, intoWindowMs: entry.timeMs - window.startMs });
      } else {
        inFlight += 1;
      }
    }
  }
  return { windows: windows.length, inFlight, violations };
}

function clientRecordOf(
  entry: RequestLogEntry | undefined,
  client: ReadonlyMap<string, ClientRequestRecord>,
): ClientRequestRecord | undefined {
  const tag = tagOf(entry?.userAgent ?? null);
  return tag === undefined ? undefined : client.get(tag);
}

/** One line per violation, for a failure message a human can act on. */
export function describeViolations(audit: RetryAfterAudit): string {
  return audit.violations
    .slice(0, 10)
    .map(
      ({ window, entry, intoWindowMs }) =>
        `${entry.method} ${entry.path} arrived ${intoWindowMs} ms into the ${window.seconds} s window opened by ` +
        `request ${window.seq} (${window.status} ${window.reason})`,
    )
    .join('\n');
}
