import { describe, expect, it } from 'vitest';

import { BUILD_POLICY_TYPE_ID } from '../requeue/model.js';
import { parsePolicyEvaluation } from './parse-policy-evaluation.js';

function aRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    evaluationId: '0c1ce0b7-34df-4350-874e-67646ce20e9d',
    status: 'queued',
    configuration: {
      id: 8171,
      isEnabled: true,
      isBlocking: true,
      type: { id: BUILD_POLICY_TYPE_ID.toUpperCase(), displayName: 'Build' },
      settings: { buildDefinitionId: 10310, manualQueueOnly: false, displayName: 'CloudBuild - PR' },
    },
    context: {
      buildId: 9763487,
      isExpired: true,
      lastMergeSourceCommitId: 'a1',
      lastMergeTargetCommitId: 'b2',
    },
    ...overrides,
  };
}

describe('parsePolicyEvaluation', () => {
  it('reads an expired build check as the service records it (reference §4)', () => {
    expect(parsePolicyEvaluation(aRecord())).toEqual({
      evaluationId: '0c1ce0b7-34df-4350-874e-67646ce20e9d',
      policyTypeId: BUILD_POLICY_TYPE_ID,
      policyName: 'CloudBuild - PR',
      isBuildPolicy: true,
      isBlocking: true,
      isEnabled: true,
      manualQueueOnly: false,
      status: 'queued',
      isExpired: true,
      buildId: 9763487,
      buildDefinitionId: 10310,
      lastMergeSourceCommit: 'a1',
      lastMergeTargetCommit: 'b2',
    });
  });

  it('reads a deleted policy configuration (issue 15.E), and only a real true as deleted', () => {
    const deleted = (isDeleted: unknown) =>
      parsePolicyEvaluation(
        aRecord({ configuration: { ...(aRecord()['configuration'] as object), isDeleted } }),
      ).isDeleted;

    expect(deleted(true)).toBe(true);
    expect(deleted(false)).toBeUndefined();
    expect(deleted('true')).toBeUndefined();
  });

  it('treats a null context as not expired', () => {
    expect(parsePolicyEvaluation(aRecord({ context: null })).isExpired).toBe(false);
  });

  it.each(['true', 1, 'yes'])('does not trust a non-boolean isExpired (%o)', (value) => {
    expect(parsePolicyEvaluation(aRecord({ context: { isExpired: value } })).isExpired).toBe(false);
  });

  it('reads an unknown status as broken, never as a state to requeue blindly', () => {
    expect(parsePolicyEvaluation(aRecord({ status: 'weird' })).status).toBe('broken');
  });

  it('names the missing field when the shape is unexpected', () => {
    expect(() => parsePolicyEvaluation({ evaluationId: 'x' })).toThrow(
      /policy evaluation x has no configuration.type/,
    );
    expect(() => parsePolicyEvaluation(null)).toThrow(/not an object/);
  });
});
