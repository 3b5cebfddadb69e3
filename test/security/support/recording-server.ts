// A plain-http server on 127.0.0.1 that records every request it receives (method, URL, headers) and answers
// with whatever the test says: the "other origin" of the host-binding and redirect tests, or a stand-in
// organization that refuses every token.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface RecordingServer {
  readonly origin: string;
  readonly requests: SeenRequest[];
  /** Requests that carried any credential header. */
  withCredentials(): SeenRequest[];
  close(): Promise<void>;
}

export async function startRecordingServer(
  answer: (request: SeenRequest, response: ServerResponse) => void = (_request, response) => {
    response.statusCode = 404;
    response.end();
  },
): Promise<RecordingServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers };
    requests.push(seen);
    request.resume().on('end', () => answer(seen, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    withCredentials: () =>
      requests.filter((request) =>
        ['authorization', 'proxy-authorization', 'cookie'].some(
          (name) => request.headers[name] !== undefined,
        ),
      ),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
