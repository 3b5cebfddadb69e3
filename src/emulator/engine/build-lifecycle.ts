// Builds queue, run and complete against the emulator clock; settled lazily when read, so no timers run.
import type {
  BuildEntity,
  BuildResult,
  IdentityEntity,
  PolicyEntity,
  PullRequestEntity,
} from '../model/entities.js';
import { indexBuild, type Store } from '../model/store.js';

/** A stable pseudo-random fraction per build id, so `failFraction` picks the same builds every run. */
function buildFraction(buildId: number): number {
  return (Math.imul(buildId ^ 0x5bd1e995, 2654435761) >>> 0) / 4294967296;
}

/** `20260101` for build numbers; formatted once per day rather than once per build (10,000 builds at start). */
const dayCache = { day: -1, text: '' };
function compactDay(epochMs: number): string {
  const day = Math.floor(epochMs / 86_400_000);
  if (day !== dayCache.day) {
    dayCache.day = day;
    dayCache.text = new Date(epochMs).toISOString().slice(0, 10).replaceAll('-', '');
  }
  return dayCache.text;
}

/** Queues a policy build for a pull request (§4: `reason: pullRequest`, `refs/pull/{id}/merge`). */
export function queueBuild(
  store: Store,
  pullRequest: PullRequestEntity,
  policy: PolicyEntity,
  requestedFor: IdentityEntity,
  nowMs: number,
): BuildEntity {
  const settings = policy.build;
  if (settings === undefined) {
    throw new Error(`policy ${policy.id} is not a build policy`);
  }
  const id = store.nextBuildId;
  const planned =
    pullRequest.buildResult ??
    (buildFraction(id) < store.buildSettings.failFraction ? 'failed' : 'succeeded');
  const build: BuildEntity = {
    id,
    buildNumber: `${compactDay(nowMs)}.${id}`,
    definitionId: settings.definitionId,
    definitionName: settings.definitionName,
    project: pullRequest.project,
    pullRequest,
    status: 'notStarted',
    plannedResult: planned,
    queueMs: nowMs,
    sourceVersion: pullRequest.lastMergeCommit,
    requestedFor,
    autoProgress: true,
    cancelledByRequeue: false,
  };
  indexBuild(store, build);
  store.counters.buildsQueued += 1;
  return build;
}

/** Completes a build now (control API, or its own run finishing). */
export function completeBuild(store: Store, build: BuildEntity, result: BuildResult, nowMs: number): void {
  if (build.status === 'completed') {
    return;
  }
  build.startMs ??= nowMs;
  build.status = 'completed';
  build.result = result;
  build.finishMs = nowMs;
  store.activeBuilds.delete(build);
}

/** Cancels a queued or running build because its check was re-queued: a wasted build, counted. */
export function cancelBuildForRequeue(store: Store, build: BuildEntity, nowMs: number): void {
  completeBuild(store, build, 'canceled', nowMs);
  build.cancelledByRequeue = true;
  store.counters.buildsCancelled += 1;
}

/** Moves a build along `queueMs` → `runMs` (scenario `builds`), up to the emulator's now. */
export function settleBuild(store: Store, build: BuildEntity, nowMs: number): void {
  if (build.status === 'completed' || !build.autoProgress) {
    return;
  }
  const { queueMs, runMs } = store.buildSettings;
  if (build.status === 'notStarted') {
    if (queueMs === null || nowMs < build.queueMs + queueMs) {
      return;
    }
    build.status = 'inProgress';
    build.startMs = build.queueMs + queueMs;
  }
  const startMs = build.startMs ?? build.queueMs;
  if (runMs !== null && nowMs >= startMs + runMs) {
    completeBuild(store, build, build.plannedResult, startMs + runMs);
  }
}

/** Settles every unfinished build (state snapshots, build lists). */
export function settleActiveBuilds(store: Store, nowMs: number): void {
  for (const build of [...store.activeBuilds]) {
    settleBuild(store, build, nowMs);
  }
}
