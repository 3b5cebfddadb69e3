// Pure rule of --retry-failed: a failed build check is retried only when its build ran against other commits than
// the pull request's current ones. The evaluation's context names the commits the build ran against
// (`lastMergeSourceCommitId`, `lastMergeTargetCommitId`, reference §4); the pull request names the current ones
// (`lastMergeSourceCommit`, `lastMergeTargetCommit`, §3.3). A retry's build runs against the current pair and
// records it in the context, so a second failure on that pair is never retried: no stored state is needed.
import type { PolicyCheck, PullRequest, SkipReason } from './model.js';

export type RetryDecision =
  | { readonly retry: true; readonly reason: string }
  | { readonly retry: false; readonly skipReason: SkipReason; readonly reason: string };

export interface CommitPair {
  readonly source: string;
  readonly target: string;
}

export function decideFailedRetry(check: PolicyCheck, pullRequest: PullRequest | undefined): RetryDecision {
  const failed = `build failed (${check.status})`;
  const ran = pairOf(check.lastMergeSourceCommit, check.lastMergeTargetCommit);
  const current = pairOf(pullRequest?.lastMergeSourceCommit, pullRequest?.lastMergeTargetCommit);
  if (ran === undefined || current === undefined) {
    const whose =
      ran === undefined ? 'the commits its build ran against' : "the pull request's current commits";
    return {
      retry: false,
      skipReason: 'unknown-commits',
      reason: `${failed}, but ${whose} are not known, so a retry might build the same code again; not retried`,
    };
  }
  if (samePair(ran, current)) {
    return {
      retry: false,
      skipReason: 'same-commits',
      reason: `${failed} against the current commits (${describePair(current)}): a retry would build the same code; not retried`,
    };
  }
  return {
    retry: true,
    reason: `${failed} on older commits (${describeMove(ran, current)}), so it is retried once on the current ones`,
  };
}

export function samePair(a: CommitPair, b: CommitPair): boolean {
  return (
    a.source.toLowerCase() === b.source.toLowerCase() && a.target.toLowerCase() === b.target.toLowerCase()
  );
}

function pairOf(source: string | undefined, target: string | undefined): CommitPair | undefined {
  return source && target ? { source, target } : undefined;
}

function short(sha: string): string {
  return sha.slice(0, 8);
}

function describePair(pair: CommitPair): string {
  return `source ${short(pair.source)}, target ${short(pair.target)}`;
}

function describeMove(ran: CommitPair, current: CommitPair): string {
  const moves: string[] = [];
  if (ran.source.toLowerCase() !== current.source.toLowerCase()) {
    moves.push(`source ${short(ran.source)} -> ${short(current.source)}`);
  }
  if (ran.target.toLowerCase() !== current.target.toLowerCase()) {
    moves.push(`target ${short(ran.target)} -> ${short(current.target)}`);
  }
  return moves.join(', ');
}
