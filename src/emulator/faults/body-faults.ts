// Faults that corrupt or reshape an otherwise correct answer: huge, truncated, non-JSON, HTML, null context, links.
import { signInPage } from '../identity/authenticate.js';
import type { RequestFault } from './fault-types.js';

/** What the pipeline will write, before headers are added. */
export interface PreparedBody {
  status: number;
  contentType: string;
  body: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function items(body: Json): unknown[] {
  return Array.isArray(body['value']) ? (body['value'] as unknown[]) : [];
}

/** Sets `context: null` on every evaluation record in the answer (§4: context may be null). */
export function nullContexts(body: unknown): unknown {
  if (!isObject(body)) return body;
  for (const record of [body, ...items(body)]) {
    if (isObject(record) && 'evaluationId' in record) {
      record['context'] = null;
    }
  }
  return body;
}

/** Points `_links.self.href` of the answer (and of each listed item) at another origin (checklist C2). */
export function foreignLinks(body: unknown, origin: string, path: string): unknown {
  if (!isObject(body)) return body;
  for (const record of [body, ...items(body)]) {
    if (isObject(record)) {
      const links = isObject(record['_links']) ? record['_links'] : {};
      links['self'] = { href: `${origin.replace(/\/$/, '')}${path}` };
      record['_links'] = links;
    }
  }
  return body;
}

/**
 * Applies a body-shaping fault to an answer already serialized as JSON; the JSON content type is kept for
 * `huge` and `truncated` so the client must notice from the body itself.
 */
export function corruptBody(fault: RequestFault, prepared: PreparedBody, orgUrl: string): PreparedBody {
  switch (fault.kind) {
    case 'huge': {
      const target = fault.hugeBytes ?? 20_000_000;
      const padding = 'x'.repeat(Math.max(0, target - prepared.body.length));
      const body = prepared.body.startsWith('{')
        ? `{"emulatorPadding":"${padding}",${prepared.body.slice(1)}`
        : prepared.body + padding;
      return { ...prepared, body };
    }
    case 'truncated':
      return { ...prepared, body: prepared.body.slice(0, Math.floor(prepared.body.length / 2)) };
    case 'nonJson':
      return { ...prepared, contentType: 'text/plain; charset=utf-8', body: 'Service temporarily degraded.' };
    case 'html':
      return { status: 200, contentType: 'text/html; charset=utf-8', body: signInPage(orgUrl) };
    default:
      return prepared;
  }
}
