// Pure capacity accounting for --max-builds-in-flight. Capacity is per pipeline definition of a project: the limit
// minus the builds of that definition already queued or running (Build API, read once per project before
// planning), never below zero. Every requeue planned takes one unit; a check that finds none left is deferred.
import type { ActiveBuild } from './checks-api.js';
import type { CapacityUsage } from './model.js';

/** What was read of one project's builds in flight; `error` when reading them failed. */
export interface BuildsInFlight {
  readonly projectId: string;
  readonly projectName: string;
  readonly builds: readonly ActiveBuild[];
  readonly error?: string;
}

export interface CapacityLimits {
  readonly maxBuildsInFlight: number;
  readonly inFlight: readonly BuildsInFlight[];
}

export interface CapacityLedger {
  /** True when the Build API listed this build as queued or running: requeuing its check would cancel it. */
  isBuildInFlight(projectId: string, buildId: number | undefined): boolean;
  /** Undefined when a build of the definition may start now; otherwise why not. Takes nothing. */
  whyNoRoom(projectId: string, definitionId: number | undefined): string | undefined;
  /** Counts one planned build of the definition (call only after `whyNoRoom` said there is room). */
  take(projectId: string, definitionId: number): void;
  /** Marks one check of the definition as deferred, for the report. */
  defer(projectId: string, definitionId: number | undefined): void;
  usage(): CapacityUsage[];
}

interface Entry {
  projectId: string;
  projectName: string;
  definitionId?: number;
  inFlight: number;
  planned: number;
  deferred: number;
  error?: string;
}

export function createCapacityLedger(limits: CapacityLimits): CapacityLedger {
  const limit = limits.maxBuildsInFlight;
  const projects = new Map(limits.inFlight.map((read) => [read.projectId, read]));
  const inFlightIds = new Set(
    limits.inFlight.flatMap((read) => read.builds.map((build) => `${read.projectId}|${build.id}`)),
  );
  const entries = new Map<string, Entry>();

  function entryOf(projectId: string, definitionId: number | undefined): Entry {
    const key = `${projectId}|${definitionId ?? '?'}`;
    let entry = entries.get(key);
    if (entry === undefined) {
      const read = projects.get(projectId);
      const inFlight = read?.builds.filter((build) => build.definitionId === definitionId).length ?? 0;
      entry = { projectId, projectName: read?.projectName ?? projectId, inFlight, planned: 0, deferred: 0 };
      if (definitionId !== undefined) entry.definitionId = definitionId;
      if (read?.error !== undefined) entry.error = read.error;
      entries.set(key, entry);
    }
    return entry;
  }

  return {
    isBuildInFlight: (projectId, buildId) =>
      buildId !== undefined && inFlightIds.has(`${projectId}|${buildId}`),
    whyNoRoom(projectId, definitionId) {
      if (definitionId === undefined) {
        return 'its pipeline definition is not named in the evaluation, so its capacity cannot be checked; deferred';
      }
      const read = projects.get(projectId);
      if (read === undefined || read.error !== undefined) {
        const why = read?.error ?? 'they were not read';
        return `the builds in flight could not be read (${why}); deferred to the next run`;
      }
      const entry = entryOf(projectId, definitionId);
      if (entry.inFlight + entry.planned < limit) return undefined;
      return (
        `no build capacity left for pipeline definition ${definitionId}: ${entry.inFlight} queued or running` +
        `${entry.planned > 0 ? ` + ${entry.planned} started by this run` : ''} of --max-builds-in-flight ${limit}; ` +
        'deferred to the next run'
      );
    },
    take(projectId, definitionId) {
      entryOf(projectId, definitionId).planned += 1;
    },
    defer(projectId, definitionId) {
      entryOf(projectId, definitionId).deferred += 1;
    },
    usage: () =>
      [...entries.values()]
        .map((entry) => ({ ...entry, limit }))
        .sort(
          (a, b) =>
            a.projectName.localeCompare(b.projectName) ||
            (a.definitionId ?? Number.MAX_SAFE_INTEGER) - (b.definitionId ?? Number.MAX_SAFE_INTEGER),
        ),
  };
}
