// One project's view for the cross-run guard: the pull-request builds of each planned check, from listings
// refreshed while the run requeues, which of them this run queued, and until when someone else's requeues of
// checks of this plan keep it waiting.
import type { Clock } from '../util/clock.js';
import type { BuildWindow, PullRequestBuild } from './checks-api.js';
import type { PlannedRequeue } from './plan-requeue.js';

export interface BuildWatchOptions {
  readonly list: (
    definitionIds: readonly number[],
    window: BuildWindow,
  ) => Promise<readonly PullRequestBuild[]>;
  readonly sinceMs: number;
  readonly clock: Clock;
  readonly maxListingAgeMs: number;
  readonly quietMs: number;
  readonly random: () => number;
}

export interface BuildWatch {
  plan(planned: PlannedRequeue): void;
  /** Resolves once a listing started no earlier than `notBeforeMs`, and less long ago than the age allowed, is in. */
  refresh(notBeforeMs: number): Promise<void>;
  /** How long the last listing took (0 before the first): the guard's measure of a round trip. */
  lastListingMs(): number;
  /** Lists now, whatever the last listing: what happened after this moment is in it. */
  listNow(): Promise<void>;
  /** A build newer than the one the check was read with, queued by someone else; undefined when there is none. */
  newerBuild(planned: PlannedRequeue): number | undefined;
  /** When the activity of others will have been quiet long enough; undefined when there is nothing to wait for. */
  quietAtMs(): number | undefined;
  /** This run sends the check's PATCH now: a build of it that shows up before `requeued` is not counted. */
  claim(planned: PlannedRequeue): void;
  /** The PATCH returned; `buildId` (when known) is this run's own, and any other newer one someone else's. */
  requeued(planned: PlannedRequeue, buildId: number | undefined): void;
}

/**
 * Each refresh reaches this far behind the newest queue time seen (server clock), for a build committed a little
 * after a later-queued one; the early stop on known ids keeps it to about one page.
 */
const RELIST_OVERLAP_MS = 2_000;

function keyOf({ pullRequest, check }: PlannedRequeue): string {
  return `${pullRequest.repository.id.toLowerCase()}/${pullRequest.id}/${check.buildDefinitionId ?? ''}`;
}

export function createBuildWatch(options: BuildWatchOptions): BuildWatch {
  const { clock } = options;
  /** Per planned check: the newest build id it was read with (0 when it showed none). */
  const readWith = new Map<string, number>();
  /** Per planned check: its builds seen in the listings. */
  const seenBuilds = new Map<string, Set<number>>();
  const ownBuilds = new Set<number>();
  const claimed = new Set<string>();
  const inFlight = new Set<string>();
  /** Checks this run requeued without learning its build's id: their builds cannot be told apart, so none count. */
  const ownUnknown = new Set<string>();
  const definitionIds = new Set<number>();
  /** The newest listing started (maybe still in flight), and the start of the newest one that is in. */
  let latest: { readonly startedMs: number; readonly done: Promise<void> } | undefined;
  let inStartedMs: number | undefined;
  let lastListingMs = 0;
  let newestQueuedMs: number | undefined;
  let newestId: number | undefined;
  let othersSeen = 0;
  let quietUntilMs: number | undefined;

  function newestOfOthers(key: string): number {
    let newest = 0;
    for (const id of seenBuilds.get(key) ?? []) if (!ownBuilds.has(id) && id > newest) newest = id;
    return newest;
  }

  function oldestReadWith(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const buildId of readWith.values()) if (buildId < oldest) oldest = buildId;
    return Number.isFinite(oldest) ? oldest : 0;
  }

  function record(builds: readonly PullRequestBuild[]): void {
    for (const build of builds) {
      const key = `${build.repositoryId}/${build.pullRequestId}/${build.definitionId}`;
      if (readWith.has(key)) seenBuilds.set(key, (seenBuilds.get(key) ?? new Set()).add(build.id));
      if (build.id > (newestId ?? 0)) newestId = build.id;
      if (build.queuedAtMs !== undefined && build.queuedAtMs > (newestQueuedMs ?? 0)) {
        newestQueuedMs = build.queuedAtMs;
      }
    }
    // Someone else requeued more checks of this plan since the last listing: wait until they are quiet, for a
    // random part more, so that two runs waiting on each other do not both resume at once.
    let seen = 0;
    for (const [key, buildId] of readWith) {
      if (!inFlight.has(key) && !ownUnknown.has(key) && newestOfOthers(key) > buildId) seen += 1;
    }
    if (seen > othersSeen) quietUntilMs = clock.now() + options.quietMs * (1 + options.random());
    othersSeen = seen;
  }

  async function listOnce(): Promise<void> {
    const startedMs = clock.now();
    const sinceMs =
      newestQueuedMs === undefined
        ? options.sinceMs
        : Math.max(options.sinceMs, newestQueuedMs - RELIST_OVERLAP_MS);
    const ids = [...definitionIds].sort((a, b) => a - b);
    // Newest first, paging may stop at builds seen before, or older than every planned check's own build (so
    // newer than none of them): serve's first listing after a push then skips the last push's history.
    const seenUpToId = Math.max(newestId ?? 0, oldestReadWith());
    record(await options.list(ids, seenUpToId > 0 ? { sinceMs, seenUpToId } : { sinceMs }));
    lastListingMs = clock.now() - startedMs;
    inStartedMs = Math.max(inStartedMs ?? startedMs, startedMs);
  }

  function startListing(): Promise<void> {
    latest = { startedMs: clock.now(), done: listOnce() };
    return latest.done;
  }

  return {
    plan(planned) {
      const key = keyOf(planned);
      readWith.set(key, Math.max(readWith.get(key) ?? 0, planned.check.buildId ?? 0));
      if (planned.check.buildDefinitionId !== undefined) definitionIds.add(planned.check.buildDefinitionId);
    },
    refresh(notBeforeMs) {
      const nowMs = clock.now();
      // A slow server makes listings slow; never spend more than about half of the time listing.
      const maxAgeMs = Math.max(options.maxListingAgeMs, 2 * lastListingMs);
      const usable = (startedMs: number | undefined): startedMs is number =>
        startedMs !== undefined && nowMs - startedMs < maxAgeMs && startedMs >= notBeforeMs;
      if (usable(inStartedMs)) {
        // Fresh enough: answer now, and list again in the background from half the age on, so that requeues
        // never stall on a listing while the run goes on.
        if (latest !== undefined && latest.startedMs === inStartedMs && nowMs - inStartedMs >= maxAgeMs / 2) {
          startListing().catch(() => undefined); // a failure reaches the next caller that has to wait for it
        }
        return Promise.resolve();
      }
      if (latest !== undefined && usable(latest.startedMs)) return latest.done;
      return startListing();
    },
    listNow: startListing,
    lastListingMs: () => lastListingMs,
    newerBuild(planned) {
      const key = keyOf(planned);
      if (claimed.has(key)) return undefined;
      const newest = newestOfOthers(key);
      return newest > (planned.check.buildId ?? 0) ? newest : undefined;
    },
    quietAtMs() {
      return quietUntilMs !== undefined && clock.now() < quietUntilMs ? quietUntilMs : undefined;
    },
    claim(planned) {
      claimed.add(keyOf(planned));
      inFlight.add(keyOf(planned));
    },
    requeued(planned, buildId) {
      if (buildId === undefined) ownUnknown.add(keyOf(planned));
      else ownBuilds.add(buildId);
      inFlight.delete(keyOf(planned));
    },
  };
}
