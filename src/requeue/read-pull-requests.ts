// Lists the pull requests in scope and reads the checks of those worth reading, as pages arrive.
import { createWorkQueue } from '../util/work-queue.js';
import { ApiFailure, type ChecksApi, type PullRequestQuery } from './checks-api.js';
import type { PullRequest, PullRequestVerdict } from './model.js';
import type { ReadPullRequest } from './plan-requeue.js';
import { selectChecks, selectPullRequest, type SelectionRules } from './select-checks.js';

export interface ReadOptions {
  readonly rules: SelectionRules;
  readonly concurrency: number;
  readonly stopSignal?: AbortSignal;
  readonly onProgress?: (progress: { listed: number; read: number }) => void;
}

export interface ReadResult {
  /** Pull requests whose checks were read. */
  readonly read: readonly ReadPullRequest[];
  /** Pull requests not read: skipped as a whole, vanished, failed or interrupted. */
  readonly unread: readonly PullRequestVerdict[];
  readonly interrupted: boolean;
}

export async function readPullRequests(
  api: ChecksApi,
  queries: readonly PullRequestQuery[],
  options: ReadOptions,
): Promise<ReadResult> {
  const read: ReadPullRequest[] = [];
  const unread: PullRequestVerdict[] = [];
  const seen = new Set<string>();
  let fatal: Error | undefined;
  let listed = 0;
  const stopped = (): boolean => options.stopSignal?.aborted === true || fatal !== undefined;

  async function readChecks(pullRequest: PullRequest): Promise<void> {
    if (stopped()) {
      unread.push(skipped(pullRequest, 'interrupted', 'run stopped before its checks were read'));
      return;
    }
    try {
      const checks = await api.listChecks(pullRequest);
      read.push({ pullRequest, checks, selections: selectChecks(checks, options.rules, pullRequest) });
    } catch (error) {
      if (options.stopSignal?.aborted === true) {
        // The stop (signal or --timeout) abandoned this read: interrupted, not failed.
        unread.push(skipped(pullRequest, 'interrupted', 'run stopped while its checks were being read'));
      } else if (error instanceof ApiFailure && error.kind === 'not-found') {
        unread.push(skipped(pullRequest, 'vanished', `no longer found: ${error.message}`));
      } else if (error instanceof ApiFailure && error.kind !== 'auth') {
        unread.push({ pullRequest, error: `reading its checks failed: ${error.message}`, checks: [] });
      } else {
        fatal ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    options.onProgress?.({ listed, read: read.length + unread.length });
  }
  const reads = createWorkQueue(options.concurrency, readChecks);

  try {
    outer: for (const query of queries) {
      for await (const page of api.listPullRequests(query)) {
        for (const pullRequest of page) {
          const key = `${pullRequest.project.id}/${pullRequest.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          listed += 1;
          const skip = selectPullRequest(pullRequest, options.rules);
          if (skip) unread.push({ pullRequest, ...skip, checks: [] });
          else reads.add(pullRequest);
        }
        options.onProgress?.({ listed, read: read.length + unread.length });
        if (stopped()) break outer;
      }
    }
  } catch (error) {
    // A listing cut short by the stop ends the listing; the report covers what was listed (interrupted: true).
    if (options.stopSignal?.aborted !== true)
      fatal ??= error instanceof Error ? error : new Error(String(error));
  }
  await reads.drained();
  if (fatal !== undefined) throw fatal;
  return { read, unread, interrupted: options.stopSignal?.aborted === true };
}

function skipped(
  pullRequest: PullRequest,
  skipReason: 'interrupted' | 'vanished',
  reason: string,
): PullRequestVerdict {
  return { pullRequest, skipReason, reason, checks: [] };
}
