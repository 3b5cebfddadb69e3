// The control API refuses what a web page or DNS rebinding could send: non-JSON POSTs, foreign Host and Origin.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

let emu: RunningEmulator;
let port: number;

beforeAll(async () => {
  emu = await startEmulator();
  port = Number(new URL(emu.orgUrl).port);
});

afterAll(async () => {
  await emu.close();
});

interface RawAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
function send(
  method: string,
  action: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path: `/_emulator/${action}`, headers, timeout: 5_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const advance = JSON.stringify({ minutes: 30 });

/** How far the emulator clock is ahead of the wall clock: 0 until a clock/advance is served. */
function clockOffsetMinutes(): number {
  return emu.control.state().clockOffsetMinutes;
}

describe('/_emulator control API guard', () => {
  it('refuses a text/plain or untyped POST with 415 and does not act on it', async () => {
    const plain = await send(
      'POST',
      'clock/advance',
      { host: `127.0.0.1:${port}`, 'content-type': 'text/plain' },
      advance,
    );
    const untyped = await send('POST', 'clock/advance', { host: `127.0.0.1:${port}` }, advance);
    const form = await send(
      'PUT',
      'latency',
      { host: `127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' },
      '{"ms":500}',
    );

    expect(plain.status).toBe(415);
    expect(String(plain.json['message'])).toContain('Content-Type: application/json');
    expect(untyped.status).toBe(415);
    expect(form.status).toBe(415);
    expect(clockOffsetMinutes()).toBe(0);
  });

  it('refuses a Host that is not loopback with 421, GET and POST alike', async () => {
    const read = await send('GET', 'state', { host: `attacker.example:${port}` });
    const write = await send(
      'POST',
      'clock/advance',
      { host: 'rebound.attacker.example', 'content-type': 'application/json' },
      advance,
    );
    const lookalike = await send('GET', 'state', { host: `127.0.0.1.attacker.example:${port}` });

    expect(read.status).toBe(421);
    expect(String(read.json['message'])).toContain('loopback host');
    expect(write.status).toBe(421);
    expect(lookalike.status).toBe(421);
    expect(clockOffsetMinutes()).toBe(0);
  });

  it('refuses a foreign web origin with 403', async () => {
    const foreign = await send('GET', 'state', {
      host: `127.0.0.1:${port}`,
      origin: 'https://attacker.example',
    });
    const opaque = await send('GET', 'state', { host: `localhost:${port}`, origin: 'null' });

    expect(foreign.status).toBe(403);
    expect(String(foreign.json['message'])).toContain('https://attacker.example');
    expect(opaque.status).toBe(403);
  });

  it('serves loopback hosts with or without the port, and JSON with parameters', async () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };

    const answers = await Promise.all(
      ['127.0.0.1', `127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST`, `[::1]:${port}`].map((host) =>
        send('GET', 'clock', { host }),
      ),
    );
    const write = await send('POST', 'clock/advance', { host: `localhost:${port}`, ...json }, advance);
    const fromLoopbackPage = await send('GET', 'clock', {
      host: `127.0.0.1:${port}`,
      origin: `http://127.0.0.1:${port}`,
    });

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(write.status).toBe(200);
    expect(fromLoopbackPage.status).toBe(200);
    expect(clockOffsetMinutes()).toBe(30);
    emu.control.reset();
  });
});
