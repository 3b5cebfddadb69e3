// A push to one branch as the work queue holds it, and how two pushes to the same branch merge while waiting.
import type { BranchTarget } from './requeue-branch.js';

export interface BranchPush extends BranchTarget {
  readonly newObjectId: string;
  /** When the (first) delivery arrived, for the push → requeue latency. */
  readonly receivedAtMs: number;
}

/** The newer push's commit is the one to wait for; the older receipt is when the wait for a requeue began. */
export function mergeBranchPushes(waiting: BranchPush, newer: BranchPush): BranchPush {
  return { ...newer, receivedAtMs: Math.min(waiting.receivedAtMs, newer.receivedAtMs) };
}
