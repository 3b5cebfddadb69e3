// Runs one cell of the fault matrix in process: the real library (connectAzureDevOps + runRequeue) against the
// emulator with the cell's faults, then audits the emulator's own record: exactly once, and Retry-After honoured.
import type { FaultSettings, RunningEmulator } from '../../../src/emulator/index.js';
import type { PipelineStats } from '../../../src/http/create-pipeline.js';
import {
  connectAzureDevOps,
  parseOrganizationUrl,
  runRequeue,
  systemClock,
  type ChecksApi,
  type Clock,
  type RequeueResult,
} from '../../../src/index.js';
import { expectedRequeues } from '../../support/expected-requeues.js';
import { auditExactlyOnce, type ExactlyOnceAudit } from './exactly-once-audit.js';
import { createRecordingTransport } from './recording-transport.js';
import { auditRetryAfter, type RetryAfterAudit } from './retry-after-audit.js';

export interface CellOptions {
  readonly emulator: RunningEmulator;
  readonly faults: FaultSettings;
  /** @default 8 */
  readonly concurrency?: number;
  /** Runs once, before the first requeue starts (after listing and reading): changes the world mid-run. */
  readonly beforeFirstRequeue?: () => Promise<void>;
  /**
   * Default settings (recheckAfterMs 60 s), with the client's clock moved 10 minutes on when requeuing starts: every
   * check counts as read long ago, as in a run over thousands of PRs. Otherwise recheckAfterMs is 0.
   */
  readonly asIfReadLongAgo?: boolean;
}

export interface CellRun {
  readonly result: RequeueResult;
  readonly expected: ReadonlySet<string>;
  readonly exactlyOnce: ExactlyOnceAudit;
  readonly retryAfter: RetryAfterAudit;
  readonly stats: PipelineStats;
  /** Real time the client's clock slept (backoff, Retry-After, gate, settle), summed over concurrent waits. */
  readonly sleptMs: number;
}

const RULES = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };

export async function runMatrixCell(options: CellOptions): Promise<CellRun> {
  const { emulator } = options;
  emulator.control.reset();
  const expected = expectedRequeues(emulator.control.state());
  emulator.control.setFaults(options.faults);
  let sleptMs = 0;
  let offsetMs = 0;
  // Real time, because the emulator's Retry-After windows are real seconds; counted, so the report can say how long.
  const clock: Clock = {
    now: () => systemClock.now() + offsetMs,
    sleep: (ms, signal) => {
      sleptMs += ms;
      return systemClock.sleep(ms, signal);
    },
  };
  const recording = createRecordingTransport();
  const token = emulator.tokens.jobToken;
  const connection = connectAzureDevOps({
    organization: parseOrganizationUrl(emulator.orgUrl),
    authorize: () => Promise.resolve(`Bearer ${token}`),
    clock,
    userAgent: 'azdo-requeue-fault-matrix',
    concurrency: options.concurrency ?? 8,
    requestTimeoutMs: 10_000,
    // Always re-read before the PATCH: the matrix changes the world between listing and requeue on purpose.
    ...(options.asIfReadLongAgo === true ? {} : { recheckAfterMs: 0 }),
    transport: recording.transport,
  });
  const change = options.beforeFirstRequeue;
  const api =
    change || options.asIfReadLongAgo === true
      ? pauseBeforeFirstRequeue(connection.api, async () => {
          if (options.asIfReadLongAgo === true) offsetMs = 10 * 60_000;
          await change?.();
        })
      : connection.api;
  const result = await runRequeue(
    {
      organization: emulator.orgUrl,
      scope: { projects: [], allProjects: true, repositories: [] },
      targetBranches: [],
      rules: RULES,
      dryRun: false,
      concurrency: options.concurrency ?? 8,
    },
    api,
  );
  const ours = emulator.control.requeues().filter((record) => record.token === 'job');
  const log = emulator.control.requestLog().filter((entry) => entry.token !== 'pat');
  return {
    result,
    expected,
    exactlyOnce: auditExactlyOnce(expected, ours, result),
    retryAfter: auditRetryAfter(emulator.control.retryAfterWindows(), log, recording.records),
    stats: connection.stats(),
    sleptMs,
  };
}

/** The real adapter, with the world changed once before the first requeue (the domain calls nothing else then). */
function pauseBeforeFirstRequeue(api: ChecksApi, change: () => Promise<void>): ChecksApi {
  let changed: Promise<void> | undefined;
  return {
    resolveScope: (request, signal) => api.resolveScope(request, signal),
    listPullRequests: (query, signal) => api.listPullRequests(query, signal),
    listChecks: (pullRequest, signal) => api.listChecks(pullRequest, signal),
    async requeueCheck(pullRequest, check, signal) {
      changed ??= change();
      await changed;
      return api.requeueCheck(pullRequest, check, signal);
    },
  };
}
