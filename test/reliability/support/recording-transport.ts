// Wraps the real fetch transport to record, for every request, when it was sent and when its answer came back, as
// positions in one event order. Each request is tagged in its User-Agent (`… req/N`), which the emulator's request
// log keeps, so a log entry can be matched to the client's own record of it (retry-after-audit.ts).
import { createFetchTransport } from '../../../src/http/fetch-transport.js';
import type { Transport } from '../../../src/http/types.js';

export interface ClientRequestRecord {
  readonly tag: string;
  readonly method: string;
  /** Position of the send in the event order. */
  readonly sentAt: number;
  /** Position of the answer's arrival; undefined when none arrived (reset, timeout). */
  receivedAt?: number;
  status?: number;
  retryAfter?: string;
}

export interface RecordingTransport {
  readonly transport: Transport;
  /** By tag. */
  readonly records: ReadonlyMap<string, ClientRequestRecord>;
}

/** The tag this transport put in a User-Agent, or undefined. */
export function tagOf(userAgent: string | null): string | undefined {
  return /\breq\/(\d+)$/.exec(userAgent ?? '')?.[1];
}

export function createRecordingTransport(): RecordingTransport {
  const inner = createFetchTransport();
  const records = new Map<string, ClientRequestRecord>();
  let events = 0;
  let requests = 0;
  const transport: Transport = async (request) => {
    requests += 1;
    const tag = String(requests);
    const record: ClientRequestRecord = { tag, method: request.method, sentAt: (events += 1) };
    records.set(tag, record);
    const userAgent = `${request.headers['user-agent'] ?? 'client'} req/${tag}`;
    const response = await inner({ ...request, headers: { ...request.headers, 'user-agent': userAgent } });
    record.receivedAt = events += 1;
    record.status = response.status;
    const retryAfter = response.headers['retry-after'];
    if (retryAfter !== undefined) record.retryAfter = retryAfter;
    return response;
  };
  return { transport, records };
}
