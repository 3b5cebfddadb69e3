// The use case: resolve scope → list → select → plan → apply (or dry run) → one result that explains everything.
import { applyRequeuePlan } from './apply-requeue-plan.js';
import { systemClock, type Clock } from '../util/clock.js';
import { assembleResult } from './assemble-result.js';
import type { ChecksApi, PullRequestQuery, ResolvedScope, ScopeRequest } from './checks-api.js';
import { createCrossRunGuard, type CrossRunGuardSettings } from './cross-run-guard.js';
import type { RequeueResult } from './model.js';
import { planRequeue, type PlanLimits } from './plan-requeue.js';
import { readBuildsInFlight } from './read-builds-in-flight.js';
import { readPullRequests } from './read-pull-requests.js';
import type { SelectionRules } from './select-checks.js';
import { branchPrefixOf, isBranchPrefixPattern } from './target-branch-pattern.js';

export interface RequeueOptions {
  /** The organization URL, for the report. */
  readonly organization: string;
  readonly scope: ScopeRequest;
  /** Full refs (`refs/heads/main`) or prefix patterns (`refs/heads/release/*`); empty = every target branch. */
  readonly targetBranches: readonly string[];
  readonly rules: SelectionRules;
  readonly maxRequeues?: number;
  /**
   * Per pipeline definition, start builds only while fewer than this many are queued or running; the rest are
   * deferred to the next run. Undefined = capacity is not looked at (and the Build API is not called).
   */
  readonly maxBuildsInFlight?: number;
  readonly dryRun: boolean;
  /** @default 8 */
  readonly concurrency?: number;
  /** Graceful stop: finish what is in flight, start nothing new, still report. */
  readonly stopSignal?: AbortSignal;
  readonly onProgress?: (progress: { phase: 'reading' | 'requeuing'; done: number; total: number }) => void;
  /** @default systemClock */
  readonly clock?: Clock;
  /** The guard against other runs' requeues (decision 0014): its settings, or false to run without it. */
  readonly crossRunGuard?: CrossRunGuardSettings | false;
}

/** How far before the run's start other runs' builds are listed: covers this much clock skew with the server. */
const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

export async function runRequeue(options: RequeueOptions, api: ChecksApi): Promise<RequeueResult> {
  const concurrency = options.concurrency ?? 8;
  const clock = options.clock ?? systemClock;
  const startedMs = clock.now();
  const scope = await api.resolveScope(options.scope);
  const reading = await readPullRequests(api, buildQueries(scope, options.targetBranches), {
    rules: options.rules,
    // Twice the HTTP pool, so the pool never idles while the next read is being scheduled.
    concurrency: concurrency * 2,
    ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
    onProgress: ({ listed, read }) => options.onProgress?.({ phase: 'reading', done: read, total: listed }),
  });
  // After an authentication failure nothing more is sent: no capacity read, no requeue (reported as interrupted).
  const authStopped = reading.authStop !== undefined;
  const limits: PlanLimits = {
    ...(options.maxRequeues === undefined ? {} : { maxRequeues: options.maxRequeues }),
    ...(options.maxBuildsInFlight === undefined || authStopped
      ? {}
      : {
          capacity: {
            maxBuildsInFlight: options.maxBuildsInFlight,
            inFlight: await readBuildsInFlight(api, reading.read),
          },
        }),
  };
  const plan = planRequeue(reading.read, limits);
  options.onProgress?.({ phase: 'requeuing', done: 0, total: plan.requeues.length });
  const stopSignal = authStopped ? AbortSignal.abort() : options.stopSignal;
  const listBuilds = api.listPullRequestBuilds?.bind(api);
  const guard =
    options.dryRun || options.crossRunGuard === false || listBuilds === undefined
      ? undefined
      : createCrossRunGuard(listBuilds, plan.requeues, {
          ...options.crossRunGuard,
          clock,
          sinceMs: startedMs - CLOCK_SKEW_MARGIN_MS,
          signal: stopSignal,
        });
  const applied = await applyRequeuePlan(plan.requeues, api, {
    concurrency: concurrency * 2,
    dryRun: options.dryRun,
    ...(stopSignal ? { stopSignal } : {}),
    guard,
  });
  return assembleResult({
    organization: options.organization,
    dryRun: options.dryRun,
    interrupted: reading.interrupted || options.stopSignal?.aborted === true,
    plan,
    unread: reading.unread,
    applied,
    listingFailures: reading.listingFailures,
    authStopped,
  });
}

/**
 * One server-side query per project × repository filter × exact target branch, so the server does the filtering;
 * prefix patterns (`refs/heads/release/*`) share one query per project × repository, filtered by the run.
 */
export function buildQueries(scope: ResolvedScope, targetBranches: readonly string[]): PullRequestQuery[] {
  const prefixes = targetBranches.filter(isBranchPrefixPattern).map(branchPrefixOf);
  const exact = targetBranches.filter((branch) => !isBranchPrefixPattern(branch));
  const branches = targetBranches.length > 0 ? exact : [undefined];
  const queries: PullRequestQuery[] = [];
  for (const project of scope.projects) {
    const repositories = scope.repositories.filter((repository) => repository.projectId === project.id);
    const repoFilters = scope.repositories.length > 0 ? repositories : [undefined];
    for (const repository of repoFilters) {
      const where = {
        project,
        ...(repository ? { repository: { id: repository.id, name: repository.name } } : {}),
      };
      for (const targetBranch of branches)
        queries.push({ ...where, ...(targetBranch ? { targetBranch } : {}) });
      if (prefixes.length > 0) queries.push({ ...where, targetBranchPrefixes: prefixes });
    }
  }
  return queries;
}
