// Every request the emulator received, as received, for tests to assert on (sequence, identity, faults, URL).

export interface RequestLogEntry {
  /** 1, 2, 3 … in arrival order; `GET /_emulator/requests?since=N` returns entries with seq > N. */
  seq: number;
  /** Wall-clock arrival time (epoch ms). */
  timeMs: number;
  method: string;
  /** Decoded path. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** The request target exactly as received (security tests scan it for tokens). */
  url: string;
  /** 0 when the socket was destroyed without an answer. */
  status: number;
  token: 'job' | 'pat' | null;
  scheme: 'Bearer' | 'Basic' | null;
  /** Display name of the authenticated identity. */
  identity: string | null;
  /** Whether an Authorization header was present at all (even an invalid one). */
  authorization: boolean;
  userAgent: string | null;
  /** The api-version the client asked for (query, else the Accept parameter), or null. */
  apiVersion: string | null;
  /** The fault applied (`throttle`, `status`, `reset`, …), or null. */
  fault: string | null;
  /** The request arrived while a Retry-After issued to the same identity was still running. */
  inRetryAfterWindow: boolean;
  durationMs: number;
}

/** A Retry-After the emulator issued: no request of that identity should arrive before `endMs`. */
export interface RetryAfterWindow {
  /** The request (log seq) whose answer carried the Retry-After. */
  seq: number;
  token: 'job' | 'pat' | null;
  startMs: number;
  endMs: number;
  seconds: number;
  status: number;
  reason: 'throttle' | 'status' | 'retryAfterOn200';
  method: string;
  path: string;
}

/** Keeps the newest entries only, so a long benchmark cannot exhaust memory. */
export const REQUEST_LOG_LIMIT = 200_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** Reserves the next sequence number at arrival, so the log order is the arrival order. */
  begin(): number {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_LIMIT) {
      this.entries.splice(0, this.entries.length - REQUEST_LOG_LIMIT);
    }
  }

  /** Entries with `seq > since`, in arrival order. */
  since(since = 0): RequestLogEntry[] {
    return this.entries.filter((entry) => entry.seq > since).sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.entries = [];
  }
}
