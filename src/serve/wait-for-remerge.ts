// There is no "evaluation expired" event: after a push the server re-merges each pull request into the moved
// target and only then expires its build checks (service-hooks reference §5). So before reading checks, wait
// until every PR into the branch has merged with the pushed commit, or its merge ended where no new merge commit
// comes (conflicts, failure, rejected by policy), up to a settle timeout.
import type { ChecksApi, Clock, PullRequest, PullRequestQuery } from '../index.js';

const FINAL_WITHOUT_MERGE = new Set(['conflicts', 'failure', 'rejectedByPolicy']);

export interface RemergeWait {
  readonly settled: boolean;
  readonly pullRequests: number;
  /** PRs still on an older target commit when the wait ended. */
  readonly unsettled: number;
  readonly waitedMs: number;
  /** The last listing, page by page: when settled, the run reads it instead of listing the same PRs again. */
  readonly pages: readonly (readonly PullRequest[])[];
}

export interface RemergeWaitOptions {
  readonly timeoutMs: number;
  /** First pause between listings. @default 100 */
  readonly pollMs?: number;
  /**
   * Longest pause. The wait overshoots the last re-merge by up to one pause, so this bounds what the poll adds to
   * push → requeue latency (issue 14's target: about a second). @default 1000
   */
  readonly maxPollMs?: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
}

export function hasSettled(pullRequest: PullRequest, newObjectId: string): boolean {
  return (
    pullRequest.lastMergeTargetCommit?.toLowerCase() === newObjectId ||
    FINAL_WITHOUT_MERGE.has(pullRequest.mergeStatus)
  );
}

export async function waitForRemerge(
  api: ChecksApi,
  query: PullRequestQuery,
  newObjectId: string,
  options: RemergeWaitOptions,
): Promise<RemergeWait> {
  const started = options.clock.now();
  let pauseMs = options.pollMs ?? 100;
  let unsettledBefore: number | undefined;
  for (;;) {
    const pages: (readonly PullRequest[])[] = [];
    let pullRequests = 0;
    let unsettled = 0;
    for await (const page of api.listPullRequests(query, options.signal)) {
      pages.push(page);
      pullRequests += page.length;
      unsettled += page.filter((pullRequest) => !hasSettled(pullRequest, newObjectId)).length;
    }
    const waitedMs = options.clock.now() - started;
    if (unsettled === 0 || waitedMs >= options.timeoutMs || options.signal?.aborted) {
      return { settled: unsettled === 0, pullRequests, unsettled, waitedMs, pages };
    }
    // While PRs keep settling the server is busy re-merging and the end is near: look again just as soon. Only a
    // listing that shows no progress doubles the pause, so a stalled merge costs few calls.
    if (unsettledBefore !== undefined && unsettled >= unsettledBefore) {
      pauseMs = Math.min(pauseMs * 2, options.maxPollMs ?? 1000);
    }
    unsettledBefore = unsettled;
    await options.clock.sleep(Math.min(pauseMs, options.timeoutMs - waitedMs), options.signal);
  }
}
