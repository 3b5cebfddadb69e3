// Composes the service: the HTTP surface, the delivery handler, the per-branch work queue, the re-merge wait,
// the requeue pipeline, the sweep, metrics and the graceful stop. Process concerns (signals, credentials, the start
// line) stay in serve-command.ts, so this runs in-process in the tests against a fake or real ChecksApi.
import type { AddressInfo } from 'node:net';

import type { ChecksApi, Clock, ScopeRequest } from '../index.js';
import { createBranchWorkQueue } from './branch-work-queue.js';
import { mergeBranchPushes, type BranchPush } from './branch-push.js';
import { createBasicAuthCheck } from './check-basic-auth.js';
import { createReadinessCheck } from './check-readiness.js';
import { createHookServer } from './create-hook-server.js';
import { createDeliveryDedupe } from './delivery-dedupe.js';
import { handleDelivery } from './handle-delivery.js';
import { createScopeFilter } from './in-scope.js';
import { logRun, type LogLine } from './log-run.js';
import { requeueBranch, type RequeueSettings } from './requeue-branch.js';
import { createServeMetrics, type ServeMetrics } from './serve-metrics.js';
import { scheduleSweeps } from './sweep-scheduler.js';
import { waitForRemerge } from './wait-for-remerge.js';
import { runRequeue } from '../index.js';

export const HOOK_PATH = '/hooks/azure-devops';

export interface ServeConfig {
  readonly host: string;
  /** 0 picks a free port (the start line tells which). */
  readonly port: number;
  readonly secret: string;
  readonly scope: ScopeRequest;
  /** Full refs; empty = every branch. */
  readonly targetBranches: readonly string[];
  readonly settings: RequeueSettings;
  /** @default 60_000 */
  readonly settleTimeoutMs?: number;
  /** 0 = no sweep. */
  readonly sweepIntervalMs: number;
  /** Branches that may wait for a worker before deliveries get 503. @default 200 */
  readonly maxWaitingBranches?: number;
  /** Branches worked on at once. @default 4 */
  readonly branchConcurrency?: number;
  /** @default 1 MiB */
  readonly maxBodyBytes?: number;
}

export interface ServeDeps {
  readonly api: ChecksApi;
  readonly clock: Clock;
  readonly log: LogLine;
}

export interface RunningServe {
  readonly url: string;
  readonly hookUrl: string;
  readonly metrics: ServeMetrics;
  /**
   * Stops taking deliveries and forgets queued pushes, lets running work finish for up to `graceMs`, then tells it
   * to stop (what is on the wire completes, nothing new starts). Resolves when the server is closed.
   */
  stop(graceMs: number): Promise<{ abandoned: number; finishedInTime: boolean }>;
}

export async function startServe(config: ServeConfig, deps: ServeDeps): Promise<RunningServe> {
  const { api, clock, log } = deps;
  const workStop = new AbortController();
  let stopping = false;

  const runPush = async (push: BranchPush): Promise<void> => {
    const context = {
      trigger: 'push',
      repository: push.repository.name,
      branch: push.refName,
      commit: push.newObjectId,
    };
    try {
      const wait = await waitForRemerge(
        api,
        { project: push.project, repository: push.repository, targetBranch: push.refName },
        push.newObjectId,
        { timeoutMs: config.settleTimeoutMs ?? 60_000, clock, signal: workStop.signal },
      );
      const run = await requeueBranch(push, api, config.settings, () => clock.now(), {
        stopSignal: workStop.signal,
        ...(wait.settled ? { listed: wait.pages } : {}),
      });
      const { requeued, failed } = run.result.summary;
      metrics.run('push', requeued, failed);
      const latencyMs =
        run.lastRequeueAtMs === undefined ? undefined : run.lastRequeueAtMs - push.receivedAtMs;
      if (latencyMs !== undefined) metrics.pushToRequeue(latencyMs / 1000);
      logRun(log, run.result, {
        ...context,
        settled: wait.settled,
        settleWaitMs: wait.waitedMs,
        ...(wait.settled ? {} : { unsettledPullRequests: wait.unsettled }),
        ...(latencyMs === undefined ? {} : { pushToRequeueMs: latencyMs }),
      });
    } catch (error) {
      metrics.run('push', 0, 0);
      log({ event: 'run-failed', level: 'error', ...context, error: describe(error) });
    }
  };

  const runSweep = async (): Promise<void> => {
    try {
      const result = await runRequeue(
        {
          ...config.settings,
          scope: config.scope,
          targetBranches: config.targetBranches,
          stopSignal: workStop.signal,
        },
        api,
      );
      metrics.run('sweep', result.summary.requeued, result.summary.failed);
      logRun(log, result, { trigger: 'sweep' });
    } catch (error) {
      log({ event: 'run-failed', level: 'error', trigger: 'sweep', error: describe(error) });
    }
  };

  const queue = createBranchWorkQueue<BranchPush>({
    maxWaiting: config.maxWaitingBranches ?? 200,
    concurrency: config.branchConcurrency ?? 4,
    merge: mergeBranchPushes,
    work: runPush,
  });
  const metrics = createServeMetrics(() => queue.depth());
  const dedupe = createDeliveryDedupe();
  const inScope = createScopeFilter(config.scope, config.targetBranches);
  const readiness = createReadinessCheck(api, config.scope, () => clock.now());
  const server = createHookServer({
    hookPath: HOOK_PATH,
    maxBodyBytes: config.maxBodyBytes ?? 1024 * 1024,
    retryAfterSeconds: 30,
    isAuthorized: createBasicAuthCheck(config.secret),
    deliver: (body) => handleDelivery(body, { dedupe, queue, inScope, now: () => clock.now() }),
    onDelivery: (answer, elapsedMs) => {
      metrics.delivery(answer.result);
      log({
        event: 'delivery',
        ...(answer.status >= 400 ? { level: 'warn' } : {}),
        status: answer.status,
        result: answer.result,
        ...(answer.detail ? { detail: answer.detail } : {}),
        ...answer.fields,
        elapsedMs,
      });
    },
    isReady: () => (stopping ? Promise.resolve({ ready: false, detail: 'shutting down' }) : readiness()),
    metrics: () => metrics.exposition(),
    now: () => clock.now(),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const sweeps = scheduleSweeps(config.sweepIntervalMs, clock, () => queue.runExclusive(runSweep));
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  return {
    url,
    hookUrl: `${url}${HOOK_PATH}`,
    metrics,
    async stop(graceMs) {
      stopping = true;
      sweeps.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const { abandoned, finished } = queue.close();
      for (const push of abandoned) {
        log({
          event: 'abandoned',
          level: 'warn',
          repository: push.repository.name,
          branch: push.refName,
          commit: push.newObjectId,
        });
      }
      const timer = new AbortController();
      const finishedInTime = await Promise.race([
        finished.then(() => true),
        clock.sleep(graceMs, timer.signal).then(
          () => false,
          () => true,
        ),
      ]);
      timer.abort();
      if (!finishedInTime) {
        // Past the grace period: requests on the wire complete, nothing new starts, every run reports.
        workStop.abort(new Error('shutting down'));
        await finished;
      }
      server.closeAllConnections();
      await closed;
      return { abandoned: abandoned.length, finishedInTime };
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
