// The evidence table of the exactly-once requeue: what a fresh read of an evaluation proves (reference §4).
import { describe, expect, it } from 'vitest';

import type { PolicyCheck } from '../requeue/model.js';
import { anExpiredBuildCheck } from '../../test/support/builders.js';
import { anEvaluationRecord } from '../../test/reliability/support/scripted-evaluation-server.js';
import { compareWithListed, readCheckState, type CheckState } from './compare-check-state.js';

const expired = anExpiredBuildCheck({ buildId: 100, isExpired: true, status: 'queued' });
const failed = anExpiredBuildCheck({ buildId: 100, isExpired: false, status: 'rejected' });
const noBuild: PolicyCheck = withoutBuild(anExpiredBuildCheck({ isExpired: true, status: 'queued' }));

function withoutBuild(check: PolicyCheck): PolicyCheck {
  const copy: { -readonly [K in keyof PolicyCheck]: PolicyCheck[K] } = { ...check };
  delete copy.buildId;
  return copy;
}

describe('readCheckState', () => {
  it.each([
    ['context null', { ...anEvaluationRecord(), context: null }, undefined],
    ['no record', 'not an object', undefined],
    [
      'isExpired as a string',
      { status: 'queued', context: { buildId: 5, isExpired: 'true' } },
      { buildId: 5, status: 'queued' },
    ],
    [
      'a full record',
      anEvaluationRecord({ buildId: 5, isExpired: false, status: 'running' }),
      { buildId: 5, isExpired: false, status: 'running' },
    ],
  ])('reads %s', (_name, record, state) => {
    expect(readCheckState(record)).toEqual(state);
  });
});

describe('compareWithListed', () => {
  it.each<[string, PolicyCheck, CheckState | undefined, string, number | undefined]>([
    ['expired, now a new build', expired, { buildId: 101, isExpired: false }, 'moved-on', 101],
    ['expired, same build, not expired', expired, { buildId: 100, isExpired: false }, 'moved-on', undefined],
    [
      'expired, same build, still expired',
      expired,
      { buildId: 100, isExpired: true },
      'unchanged',
      undefined,
    ],
    ['expired, same build, no isExpired', expired, { buildId: 100 }, 'unknown', undefined],
    ['expired, nothing readable', expired, undefined, 'unknown', undefined],
    ['listed without a build, now one', noBuild, { buildId: 1, isExpired: false }, 'moved-on', 1],
    [
      'failed, queued again',
      failed,
      { buildId: 100, isExpired: false, status: 'queued' },
      'moved-on',
      undefined,
    ],
    [
      'failed, still rejected',
      failed,
      { buildId: 100, isExpired: false, status: 'rejected' },
      'unchanged',
      undefined,
    ],
    [
      'failed, expired meanwhile',
      failed,
      { buildId: 100, isExpired: true, status: 'queued' },
      'unchanged',
      undefined,
    ],
  ])('%s → %s', (_name, listed, now, progress, newBuildId) => {
    const seen = compareWithListed(listed, now);

    expect(seen.progress).toBe(progress);
    expect(seen.newBuildId).toBe(newBuildId);
  });
});
