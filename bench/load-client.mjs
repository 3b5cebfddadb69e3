#!/usr/bin/env node
// The load generator for the emulator throughput figure: runs in its own process (so it does not compete
// with the emulator's event loop), keeps connections alive, and counts answered GETs over a fixed window.
// Usage: node bench/load-client.mjs URL TOKEN DURATION_MS CONNECTIONS → one JSON line on stdout.
import { Agent, request } from 'node:http';

const [url, token, durationText, connectionsText] = process.argv.slice(2);
if (!url || !token) throw new Error('usage: load-client.mjs URL TOKEN DURATION_MS CONNECTIONS');
const durationMs = Number(durationText ?? '3000');
const connections = Number(connectionsText ?? '8');
const WARM_UP_MS = 500;
const target = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };

function get() {
  return new Promise((resolve, reject) => {
    const outgoing = request(target, { agent, headers }, (response) => {
      // Drain the body: an unread answer would hold its socket and stall the pool.
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function worker(deadline, counters) {
  while (performance.now() < deadline) {
    const status = await get();
    if (status === 200) counters.ok += 1;
    else counters.failed += 1;
  }
}

async function runFor(ms) {
  const counters = { ok: 0, failed: 0 };
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(Array.from({ length: connections }, () => worker(deadline, counters)));
  return { ...counters, elapsedMs: performance.now() - started };
}

// Warm-up first (JIT, connection set-up), then the measured window.
await runFor(WARM_UP_MS);
const measured = await runFor(durationMs);
agent.destroy();
process.stdout.write(
  `${JSON.stringify({ ...measured, connections, requestsPerSecond: (measured.ok / measured.elapsedMs) * 1000 })}\n`,
);
