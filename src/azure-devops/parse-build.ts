// Turns a Build (build 7.1, reference §3.6) from a builds list into the domain's ActiveBuild.
import type { ActiveBuild } from '../requeue/checks-api.js';
import { isObject, readObject, readString, requireNumber, UnexpectedShapeError } from './json-guards.js';

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
