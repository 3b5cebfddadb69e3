// Lists the pull requests in scope and reads the checks of those worth reading, as pages arrive. A listing that
// fails is reported and the others go on (one project's 500 or 403 must not stop an organization); an
// authentication failure while reading stops the reading, and the report still says what was done and not.
import { createWorkQueue } from '../util/work-queue.js';
import { ApiFailure, type ChecksApi, type PullRequestQuery } from './checks-api.js';
import type { ListingFailure, PullRequest, PullRequestVerdict } from './model.js';
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
  /** Listings that failed, and those not reached after an authentication failure. */
  readonly listingFailures: readonly ListingFailure[];
  readonly interrupted: boolean;
  /** The authentication failure that stopped the reading: nothing more should be sent with this credential. */
  readonly authStop?: ApiFailure;
}

export async function readPullRequests(
  api: ChecksApi,
  queries: readonly PullRequestQuery[],
  options: ReadOptions,
): Promise<ReadResult> {
  const read: ReadPullRequest[] = [];
  const unread: PullRequestVerdict[] = [];
  const listingFailures: ListingFailure[] = [];
  const seen = new Set<string>();
  let fatal: Error | undefined;
  let authStop: ApiFailure | undefined;
  let listed = 0;
  const signalled = (): boolean => options.stopSignal?.aborted === true;
  const stopped = (): boolean => signalled() || fatal !== undefined || authStop !== undefined;

  async function readChecks(pullRequest: PullRequest): Promise<void> {
    if (stopped()) {
      const why = authStop ? `the run stopped after an authentication failure` : 'run stopped';
      unread.push(skipped(pullRequest, 'interrupted', `${why} before its checks were read`));
      return;
    }
    try {
      const checks = await api.listChecks(pullRequest);
      read.push({ pullRequest, checks, selections: selectChecks(checks, options.rules, pullRequest) });
    } catch (error) {
      if (signalled()) {
        // The stop (signal or --timeout) abandoned this read: interrupted, not failed.
        unread.push(skipped(pullRequest, 'interrupted', 'run stopped while its checks were being read'));
      } else if (error instanceof ApiFailure && error.kind === 'not-found') {
        unread.push(skipped(pullRequest, 'vanished', `no longer found: ${error.message}`));
      } else if (error instanceof ApiFailure) {
        unread.push({ pullRequest, error: `reading its checks failed: ${error.message}`, checks: [] });
        // A credential refused on a pull request's checks is refused everywhere: send nothing more with it.
        if (error.kind === 'auth') authStop ??= error;
      } else {
        fatal ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    options.onProgress?.({ listed, read: read.length + unread.length });
  }
  const reads = createWorkQueue(options.concurrency, readChecks);

  for (const query of queries) {
    if (authStop || fatal) {
      if (authStop) listingFailures.push(notReached(query, authStop));
      continue;
    }
    try {
      for await (const page of api.listPullRequests(query)) {
        for (const pullRequest of page) {
          if (!inBranchScope(query, pullRequest)) continue;
          const key = `${pullRequest.project.id}/${pullRequest.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          listed += 1;
          const skip = selectPullRequest(pullRequest, options.rules);
          if (skip) unread.push({ pullRequest, ...skip, checks: [] });
          else reads.add(pullRequest);
        }
        options.onProgress?.({ listed, read: read.length + unread.length });
        if (stopped()) break;
      }
    } catch (error) {
      // A listing cut short by the stop ends the listing; the report covers what was listed (interrupted: true).
      if (signalled()) break;
      if (!(error instanceof ApiFailure)) {
        fatal ??= error instanceof Error ? error : new Error(String(error));
        break;
      }
      // This listing's pull requests so far are read; the other listings go on.
      listingFailures.push(failedListing(query, error));
    }
    // A signal ends the listing where it is; the report covers what was listed (interrupted: true).
    if (signalled()) break;
  }
  await reads.drained();
  if (fatal !== undefined) throw fatal;
  return {
    read,
    unread,
    listingFailures,
    interrupted: signalled() || authStop !== undefined,
    ...(authStop ? { authStop } : {}),
  };
}

/** A prefix query lists every branch; only the pull requests into a matching branch are in scope. */
function inBranchScope(query: PullRequestQuery, pullRequest: PullRequest): boolean {
  const prefixes = query.targetBranchPrefixes;
  return prefixes === undefined || prefixes.some((prefix) => pullRequest.targetBranch.startsWith(prefix));
}

function failedListing(query: PullRequestQuery, error: ApiFailure): ListingFailure {
  return {
    ...where(query),
    reason: error.message,
    errorCode: error.code,
    authFailure: error.kind === 'auth',
  };
}

function notReached(query: PullRequestQuery, cause: ApiFailure): ListingFailure {
  return {
    ...where(query),
    reason: `not listed: the run stopped after an authentication failure (${cause.code})`,
    errorCode: 'not-reached',
    authFailure: false,
  };
}

function where(query: PullRequestQuery): Pick<ListingFailure, 'project' | 'repository' | 'targetBranch'> {
  return {
    project: query.project.name,
    ...(query.repository ? { repository: query.repository.name } : {}),
    ...(query.targetBranch ? { targetBranch: query.targetBranch } : {}),
  };
}

function skipped(
  pullRequest: PullRequest,
  skipReason: 'interrupted' | 'vanished',
  reason: string,
): PullRequestVerdict {
  return { pullRequest, skipReason, reason, checks: [] };
}
