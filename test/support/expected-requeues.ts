// Computes, from the emulator's own state, which checks the default rules must requeue: the test's oracle is
// independent of the client's code.
import type { EmulatorState } from '../../src/emulator/index.js';

export interface OracleRules {
  readonly includeDrafts?: boolean;
  readonly includeConflicts?: boolean;
  readonly includeManual?: boolean;
  readonly requiredOnly?: boolean;
  readonly targetRefName?: string;
}

export function expectedRequeues(state: EmulatorState, rules: OracleRules = {}): Set<string> {
  const pullRequests = new Map(state.pullRequests.map((pr) => [pr.id, pr]));
  const expected = new Set<string>();
  for (const evaluation of state.evaluations) {
    const pr = pullRequests.get(evaluation.pullRequestId);
    if (!pr || pr.status !== 'active') continue;
    if (pr.isDraft && !rules.includeDrafts) continue;
    if (pr.mergeStatus === 'conflicts' && !rules.includeConflicts) continue;
    if (rules.targetRefName && pr.targetRefName !== rules.targetRefName) continue;
    if (!evaluation.isBuild || !evaluation.isEnabled || !evaluation.isExpired) continue;
    if (evaluation.manualQueueOnly && !rules.includeManual) continue;
    if (rules.requiredOnly && !evaluation.isBlocking) continue;
    if (evaluation.status === 'running') continue;
    expected.add(evaluation.evaluationId);
  }
  return expected;
}
