// Bad answers through the built CLI: non-JSON, cut-off JSON, HTML sign-in pages, `context: null`, bodies over the
// size limit, a run longer than --timeout. Each ends with a clear line naming the call, a defined exit code and no
// stack trace; --debug shows the HTTP trace, redacted (reference §4, §5; docs/reliability.md).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type FaultSettings,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import type { JsonReport } from '../../src/index.js';
import { runCli } from '../support/run-cli.js';
import { checkJsonReport } from './support/check-json-report.js';
import { errorLines, STACK_FRAME } from './support/cli-output.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: {
      ...DEMO_SCENARIO,
      generate: { pullRequests: 30, projects: 1, expiredFraction: 0.5, seed: 3 },
    },
  });
});

afterAll(() => emulator.close());

beforeEach(() => emulator.control.reset());

function runWith(faults: FaultSettings, extra: readonly string[] = []) {
  emulator.control.setFaults(faults);
  return runCli(['--org', emulator.orgUrl, '--all-projects', '--output', 'json', ...extra], {
    env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken },
    timeoutMs: 30_000,
  });
}

const PR_LIST = { method: 'GET', pathPattern: 'git/pullrequests$' };
const CHECK_LISTS = { method: 'GET', pathPattern: 'policy/evaluations$' };

describe('azdo-requeue with bad answers from the server', () => {
  it.each([
    [
      'not JSON',
      { kind: 'nonJson' as const },
      1,
      /list active pull requests of project ".+" \(GET http:\/\/127\.0\.0\.1:\d+\/fabrikam\/[^ ]+\/_apis\/git\/pullrequests\) returned text\/plain instead of JSON/,
    ],
    [
      'cut-off JSON',
      { kind: 'truncated' as const },
      1,
      /list active pull requests .* returned a body that is not valid JSON \(HTTP 200, \d+ bytes; cut off in transit\?\)/,
    ],
    [
      'an HTML sign-in page',
      { kind: 'html' as const },
      3,
      /list active pull requests .* answered with a sign-in page \(HTTP 200\) instead of data/,
    ],
  ])(
    'a pull request list that is %s: one line naming the call, a defined exit code',
    async (_what, fault, code, message) => {
      const result = await runWith({ requests: [{ ...fault, ...PR_LIST }] });

      expect(result.code, result.stderr).toBe(code);
      expect(errorLines(result)[0]).toMatch(message);
      // One line per project's listing (each failed the same way), plus the fix for an auth failure.
      const report = JSON.parse(result.stdout) as JsonReport;
      const listings = report.listingFailures?.length ?? 0;
      expect(listings).toBe(emulator.control.state().projects.length);
      expect(errorLines(result).length).toBeLessThanOrEqual(listings + (code === 3 ? 2 : 0));
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(emulator.control.requeues()).toEqual([]);
    },
  );

  it('checks that cannot be read fail only their pull request: the report says which, exit 1', async () => {
    const result = await runWith({ requests: [{ kind: 'nonJson', count: 2, ...CHECK_LISTS }] });

    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(checkJsonReport(report)).toEqual([]);
    const errors = report.pullRequests.flatMap((pr) => (pr.error === undefined ? [] : [pr.error]));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^reading its checks failed: list policy checks of pull request \d+ \(GET .*\) returned text\/plain instead of JSON/,
    );
    expect(report.summary.failed).toBe(2);
    expect(report.summary.requeued).toBe(emulator.control.requeues().length);
  });

  it('null contexts: nothing is known to be expired, so nothing is requeued (exit 0)', async () => {
    const result = await runWith({ requests: [{ kind: 'nullContext', ...CHECK_LISTS }] });

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(checkJsonReport(report)).toEqual([]);
    expect(report.summary.requeued).toBe(0);
    expect(emulator.control.requeues()).toEqual([]);
  });

  it('a body over the 64 MiB limit: one line naming the call and the limit, exit 1', async () => {
    const huge = {
      kind: 'huge' as const,
      hugeBytes: 70 * 1024 * 1024,
      method: 'GET',
      pathPattern: '_apis/projects$',
    };

    const result = await runWith({ requests: [huge] });

    expect(result.code, result.stderr).toBe(1);
    expect(errorLines(result)).toEqual([
      expect.stringMatching(
        /^azdo-requeue: list projects failed: GET .*\/_apis\/projects\?.* the response body exceeds the limit of 67108864 bytes/,
      ),
    ]);
  }, 30_000);

  it('a large body under the limit (20 MB) is read as usual', async () => {
    const result = await runWith({ requests: [{ kind: 'huge', hugeBytes: 20_000_000, ...PR_LIST }] });

    expect(result.code, result.stderr).toBe(0);
    expect(checkJsonReport(JSON.parse(result.stdout) as JsonReport)).toEqual([]);
  });

  it('PATCH answers that are cut off still count as requeued (a 2xx is the proof), exactly once', async () => {
    const result = await runWith({ requests: [{ kind: 'truncated', method: 'PATCH' }] });

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    const records = emulator.control.requeues().map((record) => record.evaluationId);
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records).size).toBe(records.length);
    expect(report.summary.requeued).toBe(records.length);
  });

  it('--debug adds the redacted HTTP trace, still no stack trace and never the token', async () => {
    const result = await runWith({ requests: [{ kind: 'nonJson', ...PR_LIST }] }, ['--debug']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^azdo-requeue: debug: /m);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr + result.stdout).not.toContain(emulator.tokens.jobToken);
  });
});

describe('azdo-requeue with a run longer than --timeout', () => {
  it('cut short while reading: stops new work, prints the report of what was done, says so, exit 1', async () => {
    emulator.control.setLatency(150);

    const result = await runWith({}, ['--timeout', '2', '--concurrency', '2']);

    expect(result.code, result.stderr).toBe(1);
    expect(errorLines(result)).toEqual([
      expect.stringMatching(
        /^azdo-requeue: the run did not finish within --timeout 2 s: requests in flight were abandoned/,
      ),
    ]);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(checkJsonReport(report)).toEqual([]);
    expect(report.interrupted).toBe(true);
    expect(report.summary.requeued).toBe(emulator.control.requeues().length);
    expect(report.pullRequests.some((pr) => pr.skipReason === 'interrupted')).toBe(true);
  });

  it('cut short while listing: the timeout and the call it cut, one line each, exit 1, no stack', async () => {
    emulator.control.setLatency(1_500);

    const result = await runWith({}, ['--timeout', '1']);

    expect(result.code, result.stderr).toBe(1);
    expect(errorLines(result)).toEqual([
      expect.stringMatching(/^azdo-requeue: the run did not finish within --timeout 1 s/),
      expect.stringMatching(/^azdo-requeue: list projects failed: GET .*\/_apis\/projects\?.* timed out$/),
    ]);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
