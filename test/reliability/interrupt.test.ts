// SIGINT / SIGTERM through the built CLI: stop starting new work, let what is in flight finish, print the report
// of what was done, exit 130 / 143. The emulator's latency keeps the run mid-way when the signal arrives; its own
// record says what really happened, and the report must match it (reference §3.4; docs/reliability.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type FaultSettings,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/index.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { checkJsonReport, requeuedIn } from './support/check-json-report.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    latencyMs: 120,
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 60, projects: 1, repositories: 2, expiredFraction: 0.6, seed: 17 },
    },
  });
});

afterAll(() => emulator.close());

/** Runs the CLI with --concurrency 2 (so 4 requeues at most in flight) and signals once `when` holds. */
async function interruptWhen(
  signal: NodeJS.Signals,
  when: () => boolean,
  faults: FaultSettings = {},
): Promise<CliRun & { signalMs: number }> {
  emulator.control.reset();
  emulator.control.setFaults(faults);
  let signalMs = 0;
  const run = await runCli(
    ['--org', emulator.orgUrl, '--all-projects', '--concurrency', '2', '--output', 'json'],
    {
      env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
      timeoutMs: 40_000,
      onSpawn: (child) => {
        const timer = setInterval(() => {
          if (!when()) return;
          clearInterval(timer);
          signalMs = Date.now();
          child.kill(signal);
        }, 20);
        child.once('close', () => clearInterval(timer));
      },
    },
  );
  return { ...run, signalMs };
}

describe('azdo-requeue interrupted', () => {
  it('on SIGINT during the requeues: finishes what is in flight, reports exactly what was done, exits 130', async () => {
    const run = await interruptWhen('SIGINT', () => emulator.control.requeues().length >= 3);

    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/SIGINT: finishing requests in flight, then reporting what was done/);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(checkJsonReport(report)).toEqual([]);
    expect(report.interrupted).toBe(true);
    const records = emulator.control.requeues().map((record) => record.evaluationId);
    expect(new Set(records).size).toBe(records.length);
    expect(requeuedIn(report).sort()).toEqual([...records].sort());
    const interrupted = report.pullRequests
      .flatMap((pr) => pr.checks)
      .filter((c) => c.skipReason === 'interrupted');
    expect(interrupted.length).toBeGreaterThan(0);
    // No new requeue after the signal: only the (at most 4) already started may still send their PATCH.
    const patchedAfter = new Set(
      emulator.control
        .requestLog()
        .filter((entry) => entry.method === 'PATCH' && entry.timeMs > run.signalMs)
        .map((entry) => entry.path),
    );
    expect(patchedAfter.size).toBeLessThanOrEqual(4);
  });

  it('on SIGTERM while reading: requeues nothing, reports the unread pull requests as interrupted, exits 143', async () => {
    const run = await interruptWhen('SIGTERM', () =>
      emulator.control.requestLog().some((entry) => entry.path.endsWith('/policy/evaluations')),
    );

    expect(run.code, run.stderr).toBe(143);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(checkJsonReport(report)).toEqual([]);
    expect(report.interrupted).toBe(true);
    expect(emulator.control.requeues()).toEqual([]);
    expect(report.summary.requeued).toBe(0);
    expect(report.pullRequests.filter((pr) => pr.skipReason === 'interrupted').length).toBeGreaterThan(0);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('on SIGINT while requests wait out a 30 s Retry-After: reports within seconds, sends nothing more', async () => {
    try {
      const run = await interruptWhen(
        'SIGINT',
        () => emulator.control.requestLog().some((entry) => entry.status === 429),
        { throttle: { afterRequests: 20, retryAfterSeconds: 30 } },
      );

      expect(run.code, run.stderr).toBe(130);
      expect(Date.now() - run.signalMs).toBeLessThan(10_000);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(checkJsonReport(report)).toEqual([]);
      expect(report.interrupted).toBe(true);
      const sentAfter = emulator.control.requestLog().filter((entry) => entry.timeMs > run.signalMs + 500);
      expect(sentAfter).toEqual([]);
    } finally {
      emulator.control.setFaults({});
    }
  });

  it('on a second signal: abandons the requests still on the wire and still prints the report', async () => {
    emulator.control.reset();
    emulator.control.setLatency(3_000);
    try {
      let signals = 0;
      const run = await runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json'], {
        env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
        timeoutMs: 40_000,
        onSpawn: (child) => {
          const timer = setInterval(() => {
            if (signals === 0 && !emulator.control.requestLog().some((e) => /pullrequests$/i.test(e.path)))
              return;
            signals += 1;
            child.kill(signals === 1 ? 'SIGINT' : 'SIGTERM');
            if (signals === 2) clearInterval(timer);
          }, 300);
          child.once('close', () => clearInterval(timer));
        },
      });

      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toMatch(/SIGTERM again: abandoning requests in flight, then reporting/);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(checkJsonReport(report)).toEqual([]);
      expect(report.interrupted).toBe(true);
      expect(emulator.control.requeues()).toEqual([]);
    } finally {
      emulator.control.setLatency(120);
    }
  });
});
