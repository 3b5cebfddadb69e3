// Reads what an evaluation record says about its build, and compares it with the check as it was listed: the
// evidence the exactly-once requeue decides on (requeue-evaluation.ts; docs/decisions/0008-exactly-once-requeue.md).
// `context` is free JSON and may be null (reference §4): a record without it proves nothing either way.
import type { PolicyCheck } from '../requeue/model.js';
import { isObject, readNumber, readObject, readString } from './json-guards.js';

/** The build facts of one read; absent fields were not in the answer. */
export interface CheckState {
  readonly buildId?: number;
  readonly isExpired?: boolean;
  readonly status?: string;
}

/**
 * - `moved-on`: a requeue happened since the listing (ours or anyone's): a new build, or no longer expired, or a
 *   failed check (--retry-failed) queued or running again;
 * - `unchanged`: the same build, still expired (or still failed): no requeue happened;
 * - `unknown`: the answer cannot tell (no context, no isExpired).
 */
export interface Comparison {
  readonly progress: 'moved-on' | 'unchanged' | 'unknown';
  readonly newBuildId?: number;
  readonly status?: string;
}

/** Undefined when the record has no `context` object: nothing is known about its build. */
export function readCheckState(record: unknown): CheckState | undefined {
  if (!isObject(record)) return undefined;
  const context = readObject(record, 'context');
  if (!context) return undefined;
  const buildId = readNumber(context, 'buildId');
  const isExpired = context['isExpired'];
  const status = readString(record, 'status');
  return {
    ...(buildId === undefined ? {} : { buildId }),
    // Only a real JSON boolean counts (reference §4; json-guards readTrue).
    ...(typeof isExpired === 'boolean' ? { isExpired } : {}),
    ...(status === undefined ? {} : { status }),
  };
}

const IN_PROGRESS = new Set(['queued', 'running']);

export function compareWithListed(listed: PolicyCheck, now: CheckState | undefined): Comparison {
  if (now === undefined) return { progress: 'unknown' };
  const status = now.status === undefined ? {} : { status: now.status };
  if (now.buildId !== undefined && now.buildId !== listed.buildId) {
    return { progress: 'moved-on', newBuildId: now.buildId, ...status };
  }
  if (listed.isExpired) {
    if (now.isExpired === false) return { progress: 'moved-on', ...status };
    return { progress: now.isExpired === true ? 'unchanged' : 'unknown', ...status };
  }
  // A failed check chosen by --retry-failed that expired meanwhile still waits for a build (expired reads queued).
  if (now.isExpired === true) return { progress: 'unchanged', ...status };
  // Otherwise a requeue of it shows as a queued or running evaluation.
  if (now.status !== undefined && IN_PROGRESS.has(now.status)) return { progress: 'moved-on', ...status };
  if (now.status === listed.status) return { progress: 'unchanged', ...status };
  return { progress: 'unknown', ...status };
}
