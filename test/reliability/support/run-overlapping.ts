// Runs K full requeue runs against one started emulator, each started at its own offset, through the library's
// public API the way the CLI does (src/cli/run-requeue-command.ts: connectAzureDevOps with the CLI's defaults, then
// runRequeue), and judges them from the emulator's record (overlap-audit.ts). It starts no emulator and resets
// nothing: give it a freshly reset one. The runs share this process but no state: each has its own connection,
// as two pipeline runs on two agents would. Used by test/reliability/ and by the benchmark (bench/lib/).
import { setTimeout as delay } from 'node:timers/promises';

import type {
  BuildSnapshot,
  EmulatorControl,
  RequestLogEntry,
  RequeueRecord,
} from '../../../src/emulator/index.js';
import type * as Library from '../../../src/index.js';
import * as sourceLibrary from '../../../src/index.js';
import { auditOverlap, type OverlapAudit } from './overlap-audit.js';

/** What the harness calls: the source tree by default, a build (dist/index.js) in the benchmark. */
export type OverlapLibrary = Pick<
  typeof Library,
  'connectAzureDevOps' | 'parseOrganizationUrl' | 'runRequeue' | 'systemClock'
>;

/** Reads the emulator's record in-process (control API) or over HTTP (the benchmark's control client). */
export interface EmulatorRecord {
  requeues(): Promise<readonly RequeueRecord[]>;
  builds(): Promise<readonly BuildSnapshot[]>;
  requests(): Promise<readonly RequestLogEntry[]>;
}

export interface OverlapOptions {
  readonly orgUrl: string;
  /** The job token every run uses, as the pipeline runs of one project would. */
  readonly token: string;
  readonly record: EmulatorRecord;
  /** The checks that should be requeued, computed from the emulator's state before the runs. */
  readonly expected: ReadonlySet<string>;
  /** One entry per run: when it starts, in ms after the first. */
  readonly startOffsetsMs: readonly number[];
  /** @default 8, the CLI's */
  readonly concurrency?: number;
  readonly library?: OverlapLibrary;
}

/** One run's own account, for diagnostics only: the figures that matter come from the emulator. */
export interface RunReport {
  readonly offsetMs: number;
  /** Wall-clock epoch ms around the whole run, as this process saw it. */
  readonly startedMs: number;
  readonly endedMs: number;
  readonly summary?: Library.RequeueSummary;
  /** Skipped checks and pull requests by reason. */
  readonly skipReasons?: Readonly<Record<string, number>>;
  /** The run threw instead of returning a report. */
  readonly error?: string;
}

export interface OverlapOutcome {
  readonly audit: OverlapAudit;
  /** In the order of `startOffsetsMs`, beside `audit.runs`. */
  readonly reports: readonly RunReport[];
  /** From the first run's start to the last run's end. */
  readonly wallMs: number;
}

/** Offsets 0, spacing, 2 × spacing, … for `runs` runs. */
export function evenlySpaced(runs: number, spacingMs: number): number[] {
  return Array.from({ length: runs }, (_, index) => index * spacingMs);
}

/** The in-process emulator's record (its control API answers synchronously). */
export function recordOfControl(control: EmulatorControl): EmulatorRecord {
  return {
    requeues: () => Promise.resolve(control.requeues()),
    builds: () => Promise.resolve(control.builds()),
    requests: () => Promise.resolve(control.requestLog()),
  };
}

const RULES = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };

function skipReasonsOf(result: Library.RequeueResult): Record<string, number> {
  const reasons: Record<string, number> = {};
  const count = (reason: string | undefined): void => {
    if (reason !== undefined) reasons[reason] = (reasons[reason] ?? 0) + 1;
  };
  for (const pullRequest of result.pullRequests) {
    count(pullRequest.skipReason);
    for (const check of pullRequest.checks) count(check.action === 'skipped' ? check.skipReason : undefined);
  }
  return reasons;
}

async function runOnce(options: OverlapOptions, offsetMs: number, userAgent: string): Promise<RunReport> {
  const library = options.library ?? sourceLibrary;
  await delay(offsetMs);
  const startedMs = Date.now();
  const organization = library.parseOrganizationUrl(options.orgUrl);
  const concurrency = options.concurrency ?? 8;
  try {
    // The CLI's options, minus what only a terminal needs (progress lines, signals, redaction of its output).
    const connection = library.connectAzureDevOps({
      organization,
      authorize: () => Promise.resolve(`Bearer ${options.token}`),
      clock: library.systemClock,
      userAgent,
      concurrency,
      apiVersion: 'auto',
    });
    const result = await library.runRequeue(
      {
        organization: organization.url,
        scope: { projects: [], allProjects: true, repositories: [] },
        targetBranches: [],
        rules: RULES,
        dryRun: false,
        concurrency,
      },
      connection.api,
    );
    const skipReasons = skipReasonsOf(result);
    return { offsetMs, startedMs, endedMs: Date.now(), summary: result.summary, skipReasons };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { offsetMs, startedMs, endedMs: Date.now(), error: message };
  }
}

export async function runOverlapping(options: OverlapOptions): Promise<OverlapOutcome> {
  // A distinct User-Agent per run is how the request log tells the runs apart.
  const userAgents = options.startOffsetsMs.map((_, index) => `azdo-requeue-overlap run/${index + 1}`);
  const reports = await Promise.all(
    options.startOffsetsMs.map((offsetMs, index) => runOnce(options, offsetMs, userAgents[index] ?? '')),
  );
  const [requeues, builds, requests] = await Promise.all([
    options.record.requeues(),
    options.record.builds(),
    options.record.requests(),
  ]);
  const audit = auditOverlap(options.expected, { requeues, builds, requests }, userAgents);
  const wallMs =
    Math.max(...reports.map((report) => report.endedMs)) -
    Math.min(...reports.map((report) => report.startedMs));
  return { audit, reports, wallMs };
}
