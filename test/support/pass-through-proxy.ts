// A loopback pass-through in front of a server (usually the emulator): every request is forwarded as it came, with
// its Host rewritten, unless the test's `answer` takes it first. The task harness uses it to see the moment each
// request arrives (and what the task had printed by then); the cut-before-mask test to answer some calls itself.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PassThroughProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Called the moment a request arrives, before anything is forwarded. Returns true when it answered the request
 * itself (it must then end `outgoing` and drain `incoming`); false to let it through to the server.
 */
export type LocalAnswer = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

export async function startPassThroughProxy(
  target: string,
  answer: LocalAnswer = () => false,
): Promise<PassThroughProxy> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    if (answer(incoming, outgoing)) return;
    const forwarded = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.once('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
