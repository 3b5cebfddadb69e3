// What a started `azdo-requeue serve` answers, over real HTTP, to deliveries it must not work on: a body over the
// 1 MiB limit (413, declared or streamed), garbage (400), and a push while its queue is full (503 with
// Retry-After, which Azure DevOps retries; the retry is then taken). The emulator is the organization behind it.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { aPushPayload, basicAuth } from '../support/hook-payloads.js';
import { logLines, spawnServe } from '../support/serve-process.js';

const MIB = 1024 * 1024;
let emulator: RunningEmulator;
let child: ChildProcessWithoutNullStreams | undefined;
const secret = randomBytes(24).toString('base64');

beforeAll(async () => {
  emulator = await startEmulator({ scenario: DEMO_SCENARIO });
});
afterAll(() => emulator.close());
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  emulator.control.setLatency(0);
});

async function startServe(extra: string[] = []) {
  emulator.control.reset();
  const started = await spawnServe(emulator, secret, extra);
  child = started.serve;
  return started;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A POST with node:http, so the test decides how the body goes out: with a Content-Length, or chunked in pieces
 * (no length up front). The answer counts even when serve closes the socket before the whole body was sent.
 */
function post(url: string, pieces: readonly Buffer[], declareLength: boolean): Promise<Answer> {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      headers: {
        authorization: basicAuth(secret),
        'content-type': 'application/json',
        ...(declareLength ? { 'content-length': String(length) } : {}),
      },
    });
    let answered = false;
    outgoing.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    for (const piece of pieces) outgoing.write(piece);
    outgoing.end();
  });
}

/** Waits for serve's log: its line for a delivery may come just after the answer. */
async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const deliver = (url: string, body: unknown) =>
  post(url, [Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))], true);

describe('azdo-requeue serve refuses what it must not work on, over HTTP', () => {
  it('answers a body over 1 MiB with 413 and closes, whether its length is declared or streamed', async () => {
    const { start, output } = await startServe();
    const declared = await post(start.hookUrl, [Buffer.alloc(MIB + 1, 0x20)], true);
    expect(declared.status).toBe(413);
    expect(declared.headers['connection']).toBe('close');
    expect(JSON.parse(declared.body)).toEqual({ result: 'too_large' });
    const streamed = await post(
      start.hookUrl,
      [Buffer.alloc(MIB / 2, 0x20), Buffer.alloc(MIB / 2 + 1, 0x20)],
      false,
    );
    expect(streamed.status).toBe(413);
    // Still serving: the refused bodies cost nothing but their connections.
    expect((await fetch(`${start.url}/healthz`)).status).toBe(200);
    await until(() => logLines(output.stderr, 'delivery').length >= 2);
    expect(logLines(output.stderr, 'delivery').map((line) => line['result'])).toEqual([
      'too_large',
      'too_large',
    ]);
    expect(emulator.control.requestLog().filter((entry) => !entry.path.startsWith('/_emulator'))).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ method: 'PATCH' })]),
    );
  });

  it.each([
    ['not JSON', '{"eventType": "git.push", '],
    ['JSON that is no event', '[1, 2, 3]'],
    ['a push without its refUpdates', JSON.stringify({ ...aPushPayload(), resource: { pushId: 1 } })],
  ])('answers %s with 400 and works on nothing', async (_what, body) => {
    const { start, output } = await startServe();
    const answer = await deliver(start.hookUrl, body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ result: 'bad_request' });
    await until(() => logLines(output.stderr, 'delivery').length >= 1);
    expect(logLines(output.stderr, 'delivery')).toEqual([
      expect.objectContaining({ status: 400, result: 'bad_request', level: 'warn' }),
    ]);
    // Nothing was queued: a taken push counts in the queue depth the moment it is answered.
    const metrics = await (await fetch(`${start.url}/metrics`)).text();
    expect(metrics).toMatch(/^azdo_requeue_queue_depth 0$/m);
    expect(metrics).toMatch(/azdo_requeue_deliveries_total\{result="bad_request"\} 1\b/);
    expect(logLines(output.stderr, 'run')).toEqual([]);
  });

  it('answers a push with 503 and Retry-After while its queue is full, and takes the retry later', async () => {
    const { start, output } = await startServe(['--max-queued', '1']);
    const project = emulator.projects[0];
    const repository = emulator.control.state().projects[0]?.repositories[0];
    if (!project || !repository) throw new Error('the demo scenario has a project with a repository');
    // Slow calls keep the 4 branch workers busy: 4 pushes run, the 5th waits, the 6th finds the queue full.
    emulator.control.setLatency(1500);
    const pushTo = (index: number) =>
      aPushPayload({
        notificationId: 100 + index,
        projectId: project.id,
        projectName: project.name,
        repositoryId: repository.id,
        repositoryName: repository.name,
        refName: `refs/heads/overload-${index}`,
      });
    const answers = [];
    for (let index = 1; index <= 6; index++) answers.push(await deliver(start.hookUrl, pushTo(index)));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202, 503]);
    const refused = answers[5] as Answer;
    expect(refused.headers['retry-after']).toBe('30');
    expect(JSON.parse(refused.body)).toEqual({ result: 'overloaded' });
    const metrics = await (await fetch(`${start.url}/metrics`)).text();
    expect(metrics).toMatch(/azdo_requeue_deliveries_total\{result="overloaded"\} 1\b/);
    // Azure DevOps retries a 503 with the same notification: once the queue has room, it is taken, not a duplicate.
    emulator.control.setLatency(0);
    await until(() => logLines(output.stderr, 'run').length === 5);
    const retry = await deliver(start.hookUrl, pushTo(6));
    expect(retry.status).toBe(202);
    expect(JSON.parse(retry.body)).toEqual({ result: 'accepted' });
  });
});
