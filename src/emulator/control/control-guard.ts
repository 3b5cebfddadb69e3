// Who may drive the control API: loopback callers that name a loopback host and send JSON (issue 16, item 5).
// A web page can POST text/plain cross-origin without a preflight, and DNS rebinding can point a page's own host
// name at 127.0.0.1; requiring a JSON content type and a loopback Host header shuts both doors.
import type { IncomingMessage } from 'node:http';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A refusal: the status and the message of the JSON error answer. */
export interface ControlRefusal {
  status: number;
  message: string;
}

/** `127.0.0.1`, any 127.0.0.0/8 literal, `localhost` or `[::1]`, each with or without `:port`. */
export function isLoopbackHost(host: string): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  const name = match?.[1];
  if (name === undefined) return false;
  return name === 'localhost' || name === '[::1]' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(name);
}

function originIsLoopback(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).host);
  } catch {
    return false;
  }
}

/** Methods that change state carry a body; a body must be declared JSON. */
function needsJson(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/** Null when the request may be served; otherwise the refusal to answer with. */
export function checkControlRequest(request: IncomingMessage, method: string): ControlRefusal | null {
  if (!LOOPBACK_ADDRESSES.has(request.socket.remoteAddress ?? '')) {
    return { status: 403, message: 'The emulator control API answers loopback callers only.' };
  }
  const host = request.headers.host;
  if (host === undefined || !isLoopbackHost(host)) {
    return {
      status: 421,
      message:
        `The emulator control API answers only requests addressed to a loopback host (127.0.0.1, localhost ` +
        `or [::1], with the port); this one named ${JSON.stringify(host ?? '')}.`,
    };
  }
  // Browsers send Origin on cross-origin requests (`null` from sandboxed or file pages): only loopback pages pass.
  const origin = request.headers.origin;
  if (origin !== undefined && !originIsLoopback(origin)) {
    return {
      status: 403,
      message: `The emulator control API refuses requests from the web origin ${origin}.`,
    };
  }
  if (needsJson(method) && !isJson(request.headers['content-type'])) {
    return {
      status: 415,
      message:
        `${method} /_emulator/* requires Content-Type: application/json ` +
        `(got ${JSON.stringify(request.headers['content-type'] ?? 'none')}).`,
    };
  }
  return null;
}
