// How a started `azdo-requeue serve` stops on SIGTERM/SIGINT: it says so in its own JSON log (never the one-shot
// run's plain-text "then reporting what was done"), lets running work finish, a second signal abandons what is on
// the wire, and it exits 0 either way.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { aPushPayload, basicAuth } from '../support/hook-payloads.js';
import { logLines, spawnServe } from '../support/serve-process.js';

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

async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every stderr line is one JSON object (what a log collector reads). */
function expectOnlyJsonLines(stderr: string): void {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
}

describe('azdo-requeue serve on SIGTERM and SIGINT', () => {
  it('logs its stop as JSON with the signal and grace period, and exits 0', async () => {
    emulator.control.reset();
    const { serve, output } = await spawnServe(emulator, secret, ['--grace-period', '7']);
    child = serve;
    const exited = new Promise<number | null>((resolve) => serve.once('close', resolve));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.stderr).not.toContain('reporting');
    expectOnlyJsonLines(output.stderr);
    const stopping = logLines(output.stderr, 'stopping');
    expect(stopping).toEqual([expect.objectContaining({ signal: 'SIGTERM', graceMs: 7000 })]);
    expect(stopping[0]?.['message']).toContain('have 7 s to finish');
    expect(logLines(output.stderr, 'stopped')).toEqual([
      expect.objectContaining({ abandonedPushes: 0, finishedInTime: true, exitCode: 0 }),
    ]);
  });

  it('abandons the requests in flight on a second SIGINT, logs it, and still exits 0', async () => {
    emulator.control.reset();
    const { serve, start, output } = await spawnServe(emulator, secret);
    child = serve;
    const project = emulator.projects[0];
    const repository = emulator.control.state().projects[0]?.repositories[0];
    if (!project || !repository) throw new Error('the demo scenario has a project with a repository');
    // Calls that take 20 s: the push is still on the wire when the signals come.
    emulator.control.setLatency(20_000);
    const answer = await fetch(start.hookUrl, {
      method: 'POST',
      headers: { authorization: basicAuth(secret), 'content-type': 'application/json' },
      body: JSON.stringify(
        aPushPayload({
          projectId: project.id,
          projectName: project.name,
          repositoryId: repository.id,
          repositoryName: repository.name,
        }),
      ),
    });
    expect(answer.status).toBe(202);
    const exited = new Promise<number | null>((resolve) => serve.once('close', resolve));
    serve.kill('SIGINT');
    await until(() => logLines(output.stderr, 'stopping').length === 1);
    serve.kill('SIGINT');
    const started = Date.now();
    expect(await exited).toBe(0);
    // Well before the 20 s call or the 25 s grace period would have ended.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output.stderr).not.toContain('reporting');
    expectOnlyJsonLines(output.stderr);
    expect(logLines(output.stderr, 'stopping')).toEqual([expect.objectContaining({ signal: 'SIGINT' })]);
    expect(logLines(output.stderr, 'abandoning')).toEqual([
      expect.objectContaining({ signal: 'SIGINT', level: 'warn' }),
    ]);
    expect(logLines(output.stderr, 'stopped')).toEqual([expect.objectContaining({ exitCode: 0 })]);
  });
});
