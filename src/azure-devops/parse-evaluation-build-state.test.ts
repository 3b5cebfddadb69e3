import { describe, expect, it } from 'vitest';

import { BUILD_POLICY_TYPE_ID } from '../requeue/model.js';
import { parsePolicyEvaluation } from './parse-policy-evaluation.js';

/** A build evaluation with the dates and context keys that tell whether its build has finished (reference §4). */
function aRecord(
  dates: { startedDate?: string; completedDate?: string },
  context: Record<string, unknown> = {},
) {
  return {
    evaluationId: '0c1ce0b7-34df-4350-874e-67646ce20e9d',
    status: 'queued',
    configuration: {
      isEnabled: true,
      isBlocking: true,
      type: { id: BUILD_POLICY_TYPE_ID },
      settings: { buildDefinitionId: 10310 },
    },
    context: {
      buildId: 9763487,
      isExpired: true,
      buildStartedUtc: '2024-06-21T01:08:47.3364673Z',
      ...context,
    },
    ...dates,
  };
}

describe('parsePolicyEvaluation: build state', () => {
  it.each([
    [
      'completed after it started (the real expired record)',
      '2024-06-21T01:08:55Z',
      '2024-06-21T02:40:53Z',
      true,
    ],
    ['started, never completed (a build still queued)', '2024-06-21T01:08:55Z', undefined, false],
    [
      'completed before the latest start (requeued since)',
      '2024-06-21T03:00:00',
      '2024-06-21T02:40:53',
      false,
    ],
    ['neither date (cannot tell)', undefined, undefined, undefined],
  ])('%s', (_, startedDate, completedDate, finished) => {
    const dates = {
      ...(startedDate === undefined ? {} : { startedDate }),
      ...(completedDate === undefined ? {} : { completedDate }),
    };

    expect(parsePolicyEvaluation(aRecord(dates)).buildFinished).toBe(finished);
  });

  it('says nothing about a build policy that never ran', () => {
    const record = { ...aRecord({ startedDate: '2024-06-21T01:08:55Z' }), context: { isExpired: false } };

    expect(parsePolicyEvaluation(record).buildFinished).toBeUndefined();
  });

  it('reads when the last build was queued, for the activity ranking', () => {
    expect(parsePolicyEvaluation(aRecord({})).buildStartedAt).toBe('2024-06-21T01:08:47.3364673Z');
  });
});
