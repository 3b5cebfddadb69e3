// Turns a Build (build 7.1, reference §3.6) from a builds list into what the domain needs of it.
import type { ActiveBuild, PullRequestBuild } from '../requeue/checks-api.js';
import {
  isObject,
  readObject,
  readString,
  requireNumber,
  UnexpectedShapeError,
  type JsonObject,
} from './json-guards.js';

/**
 * Undefined for a build no longer queued or running: the list was asked for `inProgress,notStarted` only, but
 * a build may move on while the answer is built, and counting a finished one would only defer work needlessly.
 */
export function parseActiveBuild(value: unknown): ActiveBuild | undefined {
  if (!isObject(value)) throw new UnexpectedShapeError('build is not an object');
  const id = requireNumber(value, 'id', 'build');
  const definition = readObject(value, 'definition');
  if (!definition) throw new UnexpectedShapeError(`build ${id} has no definition`);
  const definitionId = requireNumber(definition, 'id', `build ${id} definition`);
  // BuildStatus is camelCase on the wire; compare without case, as the service's own filters do.
  const status = (readString(value, 'status') ?? '').toLowerCase();
  if (status === 'notstarted') return { id, definitionId, status: 'notStarted' };
  if (status === 'inprogress') return { id, definitionId, status: 'inProgress' };
  return undefined;
}

const MERGE_REF = /^refs\/pull\/(\d+)\/merge$/;

/**
 * A build of a pull request's merge, or undefined for any other build (a list filtered by reason may still hold
 * one, e.g. on a server that ignores the filter). The pull request comes from `sourceBranch`
 * (`refs/pull/{id}/merge`), else from `triggerInfo["pr.number"]`.
 */
export function parsePullRequestBuild(value: unknown): PullRequestBuild | undefined {
  if (!isObject(value)) throw new UnexpectedShapeError('build is not an object');
  const id = requireNumber(value, 'id', 'build');
  const definitionId = readObject(value, 'definition')?.['id'];
  const repositoryId = readObject(value, 'repository')?.['id'];
  const pullRequestId = pullRequestOf(value);
  if (typeof definitionId !== 'number' || typeof repositoryId !== 'string' || pullRequestId === undefined) {
    return undefined;
  }
  const queuedAtMs = Date.parse(readString(value, 'queueTime') ?? '');
  return {
    id,
    definitionId,
    repositoryId: repositoryId.toLowerCase(),
    pullRequestId,
    ...(Number.isNaN(queuedAtMs) ? {} : { queuedAtMs }),
  };
}

function pullRequestOf(build: JsonObject): number | undefined {
  const fromRef = MERGE_REF.exec(readString(build, 'sourceBranch') ?? '')?.[1];
  const fromTrigger = readString(readObject(build, 'triggerInfo') ?? {}, 'pr.number');
  const text = fromRef ?? fromTrigger;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
