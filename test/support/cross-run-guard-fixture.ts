// A cross-run guard (decision 0014) over a scripted server, in manual time: the tests set the server's
// pull-request builds, every listing is recorded, and a requeue through `attempt` queues a build as the service
// does (ids from 1000 up).
import type { PullRequestBuild } from '../../src/requeue/checks-api.js';
import {
  createCrossRunGuard,
  type CrossRunGuardSettings,
  type Guarded,
} from '../../src/requeue/cross-run-guard.js';
import type { PolicyCheck } from '../../src/requeue/model.js';
import type { PlannedRequeue } from '../../src/requeue/plan-requeue.js';
import { createManualClock } from '../reliability/support/manual-clock.js';
import { aPullRequest, anExpiredBuildCheck } from './builders.js';
export const project = { id: 'p-1', name: 'Fabrikam' };
export const repository = { id: 'REPO-1', name: 'web' };

export function planned(pullRequestId: number, buildId = 100, definitionId = 7): PlannedRequeue {
  return {
    pullRequest: aPullRequest({ id: pullRequestId, project, repository }),
    check: anExpiredBuildCheck({ buildId, buildDefinitionId: definitionId }),
  };
}

export function prBuild(
  pullRequestId: number,
  id: number,
  definitionId = 7,
  queuedAtMs?: number,
): PullRequestBuild {
  return {
    id,
    definitionId,
    repositoryId: 'repo-1',
    pullRequestId,
    ...(queuedAtMs === undefined ? {} : { queuedAtMs }),
  };
}

export function withoutDefinition(check: PolicyCheck): PolicyCheck {
  return Object.fromEntries(
    Object.entries(check).filter(([key]) => key !== 'buildDefinitionId'),
  ) as unknown as PolicyCheck;
}

/** A build on the test's server; in the first project unless it says otherwise. */
type ServerBuild = PullRequestBuild & { readonly projectId?: string };

export type Outcome = Guarded<{ newBuildId?: number }>;

/** A guard over the scripted server, with what it listed and sent. */
export function setUpGuard(plan: PlannedRequeue[], settings: CrossRunGuardSettings = {}) {
  const clock = createManualClock();
  const server = { builds: [] as ServerBuild[], failure: undefined as Error | undefined };
  const listings: {
    project: string;
    definitionIds: readonly number[];
    sinceMs: number;
    seenUpToId?: number | undefined;
    atMs: number;
  }[] = [];
  const sent: number[] = [];
  const stop = new AbortController();
  let nextBuild = 1000;
  const guard = createCrossRunGuard(
    (listedProject, definitionIds, { sinceMs, seenUpToId }) => {
      listings.push({ project: listedProject.id, definitionIds, sinceMs, seenUpToId, atMs: clock.now() });
      const builds = server.builds.filter((build) => (build.projectId ?? project.id) === listedProject.id);
      return server.failure ? Promise.reject(server.failure) : Promise.resolve(builds);
    },
    plan,
    { clock, sinceMs: clock.now() - 300_000, random: () => 0, signal: stop.signal, ...settings },
  );
  const attempt = (entry: PlannedRequeue): Promise<Outcome> =>
    guard.guard(entry, () => {
      nextBuild += 1;
      sent.push(entry.pullRequest.id);
      server.builds.push({
        ...prBuild(entry.pullRequest.id, nextBuild, entry.check.buildDefinitionId),
        projectId: entry.pullRequest.project.id,
      });
      return Promise.resolve({ newBuildId: nextBuild });
    });
  return { clock, server, listings, sent, attempt, stop };
}

/** Tracks an attempt so a test can tell whether it is still waiting. */
export function track(promise: Promise<Outcome>) {
  const state: { value?: Outcome; error?: unknown } = {};
  promise.then(
    (value) => (state.value = value),
    (error: unknown) => (state.error = error),
  );
  return state;
}
