// Reads, once per project, the builds already queued or running for the pipeline definitions of the selected
// checks: what --max-builds-in-flight subtracts from its limit, and which builds a requeue would cancel.
import type { BuildsInFlight } from './build-capacity.js';
import { ApiFailure, type ChecksApi } from './checks-api.js';
import type { ProjectRef } from './model.js';
import type { ReadPullRequest } from './plan-requeue.js';

export async function readBuildsInFlight(
  api: ChecksApi,
  read: readonly ReadPullRequest[],
  signal?: AbortSignal,
): Promise<BuildsInFlight[]> {
  const wanted = definitionsByProject(read);
  if (wanted.size === 0) return [];
  const list = api.listActiveBuilds?.bind(api);
  if (list === undefined) {
    throw new ApiFailure(
      'config',
      '--max-builds-in-flight needs a connection that can list builds in flight',
      'no-build-list',
    );
  }
  return Promise.all(
    [...wanted.values()].map(async ({ project, definitionIds }): Promise<BuildsInFlight> => {
      const base = { projectId: project.id, projectName: project.name };
      try {
        const builds = await list(
          project,
          [...definitionIds].sort((a, b) => a - b),
          signal,
        );
        return { ...base, builds };
      } catch (error) {
        // Without the right to read builds the limit cannot be honoured anywhere: stop, as for any auth failure.
        if (error instanceof ApiFailure && error.kind === 'auth') throw error;
        const message = error instanceof Error ? error.message : String(error);
        return { ...base, builds: [], error: message };
      }
    }),
  );
}

/** The definitions of the checks selected for a requeue, per project; checks naming none need no call. */
export function definitionsByProject(
  read: readonly ReadPullRequest[],
): Map<string, { project: ProjectRef; definitionIds: Set<number> }> {
  const wanted = new Map<string, { project: ProjectRef; definitionIds: Set<number> }>();
  for (const entry of read) {
    for (const selection of entry.selections) {
      const definitionId = selection.check.buildDefinitionId;
      if (!selection.selected || definitionId === undefined) continue;
      const project = entry.pullRequest.project;
      let slot = wanted.get(project.id);
      if (slot === undefined) {
        slot = { project, definitionIds: new Set() };
        wanted.set(project.id, slot);
      }
      slot.definitionIds.add(definitionId);
    }
  }
  return wanted;
}
