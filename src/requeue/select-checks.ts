// Pure selection rules: which pull requests to read and which of their build checks to requeue, with the reason.
import { decideFailedRetry } from './decide-failed-retry.js';
import type { CheckStatus, PolicyCheck, PullRequest, RequeueTrigger, SkipReason } from './model.js';

export interface SelectionRules {
  /** @default false */
  readonly includeDrafts: boolean;
  /** @default false */
  readonly includeConflicts: boolean;
  /** @default false */
  readonly includeManual: boolean;
  /** Keep blocking (required) policies only. @default false */
  readonly requiredOnly: boolean;
  /** Also requeue rejected or broken build checks whose build ran on older commits. @default false */
  readonly retryFailed?: boolean;
}

export interface Skip {
  readonly skipReason: SkipReason;
  readonly reason: string;
}

export type CheckSelection =
  | {
      readonly check: PolicyCheck;
      readonly selected: true;
      readonly trigger: RequeueTrigger;
      readonly reason: string;
    }
  | ({ readonly check: PolicyCheck; readonly selected: false } & Skip);

/** Decides whether a pull request's checks are worth reading at all; skipping saves one call per PR. */
export function selectPullRequest(pullRequest: PullRequest, rules: SelectionRules): Skip | undefined {
  if (pullRequest.status !== 'active') {
    return { skipReason: 'not-active', reason: `pull request is ${pullRequest.status}` };
  }
  if (pullRequest.isDraft && !rules.includeDrafts) {
    return { skipReason: 'draft', reason: 'draft pull request (use --include-drafts to requeue drafts)' };
  }
  if (pullRequest.mergeStatus === 'conflicts' && !rules.includeConflicts) {
    return {
      skipReason: 'conflicts',
      reason: 'merge conflicts: a build cannot pass until they are resolved (use --include-conflicts)',
    };
  }
  return undefined;
}

// A check whose build is waiting or running is not expired; requeuing it would cancel that build.
const IN_PROGRESS: ReadonlySet<CheckStatus> = new Set(['queued', 'running']);
const FAILED: ReadonlySet<CheckStatus> = new Set(['rejected', 'broken']);

/**
 * Decides each build check; other policy types are not requeueable and are left out. The pull request gives the
 * current merge commits that --retry-failed compares with (without it, no failed check can be retried).
 */
export function selectChecks(
  checks: readonly PolicyCheck[],
  rules: SelectionRules,
  pullRequest?: PullRequest,
): CheckSelection[] {
  return checks.filter((check) => check.isBuildPolicy).map((check) => selectCheck(check, rules, pullRequest));
}

function selectCheck(
  check: PolicyCheck,
  rules: SelectionRules,
  pullRequest: PullRequest | undefined,
): CheckSelection {
  const skip = (skipReason: SkipReason, reason: string): CheckSelection => ({
    check,
    selected: false,
    skipReason,
    reason,
  });
  if (check.isDeleted === true) {
    return skip('deleted', 'its policy was deleted; a build for it would be wasted');
  }
  if (!check.isEnabled) return skip('disabled', 'policy is disabled');
  if (rules.requiredOnly && !check.isBlocking) {
    return skip('not-required', 'optional policy (not blocking) and --required-only is set');
  }
  if (check.manualQueueOnly && !rules.includeManual) {
    return skip('manual-only', 'policy is set to queue manually only (use --include-manual)');
  }
  if (check.status === 'running') {
    return skip('build-in-progress', 'its build is running; a requeue would cancel it');
  }
  if (!check.isExpired) {
    if (IN_PROGRESS.has(check.status)) {
      return skip('build-in-progress', 'its build is queued; a requeue would cancel it');
    }
    if (FAILED.has(check.status)) return selectFailed(check, rules, pullRequest);
    return skip('not-expired', `not expired (${check.status})`);
  }
  // An expired check reads `queued` whether its build finished long ago or was queued and never ran (§4): only
  // a completion after the build's start tells them apart, and a build that has not finished is never cancelled.
  if (check.buildFinished === false) {
    return skip('build-in-progress', 'expired, but its build has not finished; a requeue would cancel it');
  }
  return { check, selected: true, trigger: 'expired', reason: 'build expired' };
}

function selectFailed(
  check: PolicyCheck,
  rules: SelectionRules,
  pullRequest: PullRequest | undefined,
): CheckSelection {
  if (rules.retryFailed !== true) {
    return {
      check,
      selected: false,
      skipReason: 'not-expired',
      reason: `not expired (${check.status}); failed builds are retried only with --retry-failed`,
    };
  }
  const decision = decideFailedRetry(check, pullRequest);
  if (decision.retry) return { check, selected: true, trigger: 'failed', reason: decision.reason };
  return { check, selected: false, skipReason: decision.skipReason, reason: decision.reason };
}
