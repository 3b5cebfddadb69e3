// A Retry-After must pause every request of the client, not only the one that got it (reference §6; STYLE.md §2
// guideline 3). These tests drive the real pipeline (createPipeline) with a scripted transport and an instant
// clock: request A holds the only slot, request B already waits for it, then A's answer carries Retry-After.
//
// Regression tests for a gap these tests found: the rate-limit policy used to await the gate *before* the
// concurrency policy queued for a slot, and showed the answer to the gate only after the slot was released, so B
// went out the moment A's slot freed, inside the window. Fixed in src/http by taking the slot outside the gate.
import { describe, expect, it } from 'vitest';

import { createPipeline } from '../../src/http/create-pipeline.js';
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/types.js';
import { createManualClock, settleMacrotasks } from './support/manual-clock.js';

const ORIGIN = 'https://dev.azure.com';

interface Sent {
  readonly name: string;
  readonly atMs: number;
}

/** A transport that answers A with `first`, everything else 200, one macrotask later; it records send times. */
function scriptedTransport(clock: { now(): number }, first: Omit<HttpResponse, 'request'>) {
  const sent: Sent[] = [];
  const transport: Transport = (request: HttpRequest) => {
    const name = request.operation;
    sent.push({ name, atMs: clock.now() });
    const answer = name === 'A' && sent.filter((entry) => entry.name === 'A').length === 1 ? first : ok();
    return new Promise((resolve) => setImmediate(() => resolve({ ...answer, request })));
  };
  return { transport, sent };
}

function ok(): Omit<HttpResponse, 'request'> {
  return { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{}' };
}

function aRequest(operation: string, method: HttpRequest['method'] = 'GET'): HttpRequest {
  return {
    method,
    url: new URL(`${ORIGIN}/org/_apis/projects?api-version=7.1`),
    headers: {},
    idempotent: method === 'GET',
    operation,
  };
}

/** Sends A and B at once through one slot; returns what was on the wire before any time passed, then finishes. */
async function sendTwo(first: Omit<HttpResponse, 'request'>, methodOfA: HttpRequest['method'] = 'GET') {
  const clock = createManualClock();
  const { transport, sent } = scriptedTransport(clock, first);
  const pipeline = createPipeline({ origin: ORIGIN, clock, concurrency: 1, transport });
  const done = Promise.all([pipeline.send(aRequest('A', methodOfA)), pipeline.send(aRequest('B'))]);
  await settleMacrotasks();
  const beforeWindowEnded = sent.map((entry) => entry.name);
  await clock.advance(5_000);
  await done;
  return { beforeWindowEnded, sent };
}

describe('rate-limit gate: a Retry-After pauses requests already waiting for a slot', () => {
  it('holds B back for the whole window after A got 429 + Retry-After: 5', async () => {
    const throttled = { status: 429, headers: { 'retry-after': '5' }, bodyText: '{"message":"TF400733"}' };

    const { beforeWindowEnded, sent } = await sendTwo(throttled);

    expect(beforeWindowEnded).toEqual(['A']);
    expect(sent.map((entry) => entry.name)).toEqual(['A', 'B', 'A']);
  });

  it('holds B back after a 200 that carries Retry-After: 5 (§6: honour it on any status)', async () => {
    const slowDown = { ...ok(), headers: { 'content-type': 'application/json', 'retry-after': '5' } };

    const { beforeWindowEnded, sent } = await sendTwo(slowDown);

    expect(beforeWindowEnded).toEqual(['A']);
    expect(sent.map((entry) => entry.name)).toEqual(['A', 'B']);
  });

  it('holds B back after a PATCH answered 503 + Retry-After: 5', async () => {
    const unavailable = { status: 503, headers: { 'retry-after': '5' }, bodyText: '{}' };

    const { beforeWindowEnded, sent } = await sendTwo(unavailable, 'PATCH');

    expect(beforeWindowEnded).toEqual(['A']);
    // The PATCH is not resent: a 503 leaves its outcome unknown (the requeue reads it back instead).
    expect(sent.map((entry) => entry.name)).toEqual(['A', 'B']);
  });

  it('holds back a request that reaches the gate after the window opened (the part that works)', async () => {
    const clock = createManualClock();
    const throttled = { status: 429, headers: { 'retry-after': '5' }, bodyText: '{}' };
    const { transport, sent } = scriptedTransport(clock, throttled);
    const pipeline = createPipeline({ origin: ORIGIN, clock, concurrency: 1, transport });

    const a = pipeline.send(aRequest('A'));
    await settleMacrotasks(); // A's 429 has arrived and closed the gate
    const b = pipeline.send(aRequest('B'));
    await settleMacrotasks();
    const beforeWindowEnded = sent.map((entry) => entry.name);
    await clock.advance(5_000);
    await Promise.all([a, b]);

    expect(beforeWindowEnded).toEqual(['A']);
    expect(sent).toHaveLength(3);
  });
});
