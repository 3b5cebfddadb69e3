#!/usr/bin/env node
// A measurement aid, not product code: runs the same job as `azdo-requeue --all-projects --output json`
// through the library API (dist/index.js), with either the product's default fetch transport or a plain
// node:http keep-alive transport passed through ConnectOptions.transport. Measuring both on the same
// emulator isolates what the transport costs in CPU, wall time and peak RSS (docs/performance.md).
// Usage: SYSTEM_ACCESSTOKEN=… node bench/what-if-transport.mjs DIST_DIR ORG_URL fetch|node-http [CONCURRENCY]
// BENCH_PAGE_SIZE=N lists PRs N at a time instead of 1000, to measure what page size costs in memory.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distDir, orgUrl, transportName, concurrencyText] = process.argv.slice(2);
if (!distDir || !orgUrl || !transportName)
  throw new Error('usage: what-if-transport.mjs DIST ORG fetch|node-http [N]');
const concurrency = Number(concurrencyText ?? '8');
const library = await import(pathToFileURL(join(distDir, 'index.js')).href);
const token = process.env.SYSTEM_ACCESSTOKEN ?? '';

/** One keep-alive pool per scheme, sized to the pipeline's concurrency so no request waits for a socket. */
function createNodeHttpTransport(maxSockets) {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  return (request) =>
    new Promise((resolve, reject) => {
      const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        request.url,
        {
          method: request.method,
          headers:
            request.body === undefined
              ? request.headers
              : { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
          agent: agents[request.url.protocol],
          signal: request.signal,
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            // One decode of the whole body: cheaper than decoding chunk by chunk into a growing string.
            resolve({
              status: response.statusCode ?? 0,
              headers,
              bodyText: Buffer.concat(chunks).toString('utf8'),
              request,
            });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
}

const organization = library.parseOrganizationUrl(orgUrl);
const connection = library.connectAzureDevOps({
  organization,
  authorize: () => Promise.resolve(`Bearer ${token}`),
  clock: library.systemClock,
  userAgent: 'azdo-requeue-bench/what-if',
  concurrency,
  ...(process.env.BENCH_PAGE_SIZE ? { pageSize: Number(process.env.BENCH_PAGE_SIZE) } : {}),
  ...(transportName === 'node-http' ? { transport: createNodeHttpTransport(concurrency) } : {}),
});
const result = await library.runRequeue(
  {
    organization: organization.url,
    scope: { projects: [], allProjects: true, repositories: [] },
    targetBranches: [],
    rules: { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false },
    dryRun: false,
    concurrency,
  },
  connection.api,
);
process.stdout.write(library.formatJsonReport(result));
// As the CLI does: keep-alive sockets would otherwise hold the event loop open.
process.exit(result.summary.failed > 0 ? 1 : 0);
