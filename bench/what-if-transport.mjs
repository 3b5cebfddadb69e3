#!/usr/bin/env node
// A measurement aid, not product code: runs the same job as `azdo-requeue --all-projects --output json`
// through the library API (dist/index.js) with either of the product's two HTTP transports, passed through
// ConnectOptions.transport: `fetch` (Node's undici, the default until cbfb465, with 1,000 PRs a page as
// then) or `node-http` (the current default, node:http keep-alive, with the library's default page size).
// Measuring both on the same emulator isolates what the transport costs in CPU, wall time and peak RSS.
// Usage: SYSTEM_ACCESSTOKEN=… node bench/what-if-transport.mjs DIST_DIR ORG_URL fetch|node-http [CONCURRENCY]
// BENCH_PAGE_SIZE=N overrides the PRs per page for either transport.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distDir, orgUrl, transportName, concurrencyText] = process.argv.slice(2);
if (!distDir || !orgUrl || !['fetch', 'node-http'].includes(transportName ?? '')) {
  throw new Error('usage: what-if-transport.mjs DIST ORG fetch|node-http [N]');
}
const concurrency = Number(concurrencyText ?? '8');
const load = (path) => import(pathToFileURL(join(distDir, path)).href);
const library = await load('index.js');
const token = process.env.SYSTEM_ACCESSTOKEN ?? '';

// fetch-transport.js is internal to dist/, which is fine for a measurement aid that names the build it runs.
const viaFetch = transportName === 'fetch';
const transport = viaFetch ? (await load('http/fetch-transport.js')).createFetchTransport() : undefined;
const pageSize = process.env.BENCH_PAGE_SIZE
  ? Number(process.env.BENCH_PAGE_SIZE)
  : viaFetch
    ? 1000
    : undefined;

const organization = library.parseOrganizationUrl(orgUrl);
const connection = library.connectAzureDevOps({
  organization,
  authorize: () => Promise.resolve(`Bearer ${token}`),
  clock: library.systemClock,
  userAgent: 'azdo-requeue-bench/what-if',
  concurrency,
  ...(pageSize === undefined ? {} : { pageSize }),
  ...(transport === undefined ? {} : { transport }),
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
process.stdout.write(`${JSON.stringify(result.summary)}\n`);
// As the CLI does: keep-alive sockets would otherwise hold the event loop open.
process.exit(result.summary.failed > 0 ? 1 : 0);
