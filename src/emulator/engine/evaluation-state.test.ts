import { describe, expect, it } from 'vitest';
import { buildStore } from '../scenario/build-store.js';
import type { CheckState, Expiration, Scenario } from '../scenario/scenario-types.js';
import { describeEvaluation, isEvaluationExpired } from './evaluation-state.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

function evaluationWith(
  check: CheckState,
  expiration: Expiration = 'immediately',
  type: 'build' | 'minimumReviewers' = 'build',
) {
  const scenario: Scenario = {
    projects: [
      {
        name: 'P',
        repositories: [
          {
            name: 'r',
            branches: [{ name: 'main', policies: [{ type, expiration }] }],
            pullRequests: [{ targetBranch: 'main', check, reviewers: [{ name: 'A', vote: 10 }] }],
          },
        ],
      },
    ],
  };
  const [evaluation] = buildStore(scenario, NOW).evaluationsById.values();
  if (evaluation === undefined) throw new Error('no evaluation');
  return evaluation;
}

describe('describeEvaluation', () => {
  it.each([
    ['approved', 'approved', false],
    ['notExpired', 'approved', false],
    ['rejected', 'rejected', false],
    ['running', 'running', false],
    ['queued', 'queued', false],
    ['notRun', 'queued', false],
    ['expired', 'queued', true],
    ['notApplicable', 'notApplicable', false],
  ] as const)('reads a %s check as %s (isExpired %s)', (check, status, isExpired) => {
    const view = describeEvaluation(evaluationWith(check), NOW);

    expect(view).toMatchObject({ status, isExpired });
  });

  it('derives a reviewer policy from votes', () => {
    const evaluation = evaluationWith('approved', 'immediately', 'minimumReviewers');
    const approved = describeEvaluation(evaluation, NOW).status;
    evaluation.pullRequest.reviewers[0]!.vote = -10;

    expect(approved).toBe('approved');
    expect(describeEvaluation(evaluation, NOW).status).toBe('rejected');
  });
});

describe('isEvaluationExpired after the target moved (§3.5)', () => {
  it.each([
    ['immediately', 0, true],
    [{ hours: 4 }, 0, false],
    [{ hours: 4 }, 5 * HOUR, true],
    ['never', 100 * HOUR, false],
  ] as const)('with expiration %j, %i ms later: %s', (expiration, laterMs, expected) => {
    const evaluation = evaluationWith('approved', expiration);
    evaluation.buildIsNotCurrent = true;

    expect(isEvaluationExpired(evaluation, NOW + laterMs)).toBe(expected);
  });

  it('never expires a current build', () => {
    const evaluation = evaluationWith('approved', { hours: 1 });

    expect(isEvaluationExpired(evaluation, NOW + 1000 * HOUR)).toBe(false);
  });
});
