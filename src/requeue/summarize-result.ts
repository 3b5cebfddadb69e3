// Counts for the summary: what every check became, and which builds the run did not start, by cause.
import type {
  BuildsAvoided,
  ListingFailure,
  PullRequestVerdict,
  RequeueSummary,
  SkipReason,
} from './model.js';

/**
 * Failed reads and failed listings count as failures too: a check that could not be read (or listed) was neither
 * requeued nor skipped. A listing never reached is not a failure of its own (the failure that stopped it is).
 */
export function summarize(
  pullRequests: readonly PullRequestVerdict[],
  listingFailures: readonly ListingFailure[] = [],
): RequeueSummary {
  let checks = 0;
  let retried = 0;
  const counts = { requeued: 0, 'would-requeue': 0, skipped: 0, failed: 0 };
  const reasons = new Map<SkipReason, number>();
  const count = (reason: SkipReason | undefined): void => {
    if (reason !== undefined) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  for (const pullRequest of pullRequests) {
    if (pullRequest.error !== undefined) counts.failed += 1;
    count(pullRequest.skipReason);
    for (const verdict of pullRequest.checks) {
      checks += 1;
      counts[verdict.action] += 1;
      if (verdict.action === 'skipped') count(verdict.skipReason);
      const started = verdict.action === 'requeued' || verdict.action === 'would-requeue';
      if (started && verdict.trigger === 'failed') retried += 1;
    }
  }
  const failedListings = listingFailures.filter((failure) => failure.errorCode !== 'not-reached').length;
  counts.failed += failedListings;
  const buildsAvoided: BuildsAvoided = {
    inProgress: reasons.get('build-in-progress') ?? 0,
    drafts: reasons.get('draft') ?? 0,
    conflicts: reasons.get('conflicts') ?? 0,
    budget: reasons.get('budget') ?? 0,
    deferred: reasons.get('deferred') ?? 0,
    sameCommits: reasons.get('same-commits') ?? 0,
  };
  return {
    pullRequests: pullRequests.length,
    checks,
    requeued: counts.requeued,
    wouldRequeue: counts['would-requeue'],
    skipped: counts.skipped,
    failed: counts.failed,
    retried,
    ...(failedListings > 0 ? { failedListings } : {}),
    buildsAvoided,
  };
}
