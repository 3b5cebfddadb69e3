import { describe, expect, it } from 'vitest';
import { FaultState, matchesRequest } from './fault-state.js';
import { Throttle } from './throttle.js';

const GET_PROJECTS = { method: 'GET', path: '/org/_apis/projects', token: 'job' as const };
const PATCH_EVALUATION = {
  method: 'PATCH',
  path: '/org/p/_apis/policy/evaluations/x',
  token: 'pat' as const,
};

describe('matchesRequest', () => {
  it.each([
    [{}, true],
    [{ method: 'patch' }, true],
    [{ method: 'GET' }, false],
    [{ path: 'POLICY/evaluations' }, true],
    [{ pathPattern: 'evaluations/[a-z]$' }, true],
    [{ pathPattern: '(' }, false],
    [{ identity: 'job' as const }, false],
  ])('%j matches the PATCH: %s', (match, expected) => {
    expect(matchesRequest(match, PATCH_EVALUATION)).toBe(expected);
  });
});

describe('FaultState', () => {
  it('hands out a request fault only for its count, then the next matching one', () => {
    const state = new FaultState({
      requests: [
        { kind: 'status', status: 503, count: 1 },
        { kind: 'reset', method: 'PATCH' },
      ],
    });

    const kinds = [state.take(PATCH_EVALUATION), state.take(PATCH_EVALUATION), state.take(GET_PROJECTS)].map(
      (f) => f?.kind,
    );

    expect(kinds).toEqual(['status', 'reset', undefined]);
  });

  it('tells whether a later request of the same identity arrives inside a Retry-After window', () => {
    const state = new FaultState();
    state.recordWindow({
      seq: 1,
      token: 'job',
      startMs: 1000,
      endMs: 3000,
      seconds: 2,
      status: 429,
      reason: 'throttle',
      method: 'GET',
      path: '/',
    });

    expect(state.inWindow('job', 2000, 2)).toBe(true);
    expect(state.inWindow('job', 2000, 1)).toBe(false);
    expect(state.inWindow('pat', 2000, 2)).toBe(false);
    expect(state.inWindow('job', 3000, 3)).toBe(false);
  });

  it('counts Retry-After on 200 answers', () => {
    const state = new FaultState({ retryAfterOn200: { retryAfterSeconds: 3, count: 2, method: 'GET' } });

    const values = [
      state.takeRetryAfterOn200(GET_PROJECTS),
      state.takeRetryAfterOn200(PATCH_EVALUATION),
      state.takeRetryAfterOn200(GET_PROJECTS),
      state.takeRetryAfterOn200(GET_PROJECTS),
    ];

    expect(values).toEqual([3, undefined, 3, undefined]);
  });
});

describe('Throttle', () => {
  it('blocks an identity after N requests for the period, then counts again for the next episode', () => {
    const throttle = new Throttle({ afterRequests: 2, retryAfterSeconds: 10, episodes: 2 });

    const first = [0, 1, 2, 3].map((i) => throttle.check('job', i));
    const later = throttle.check('job', 5_000);
    const afterPeriod = [11_000, 11_001, 11_002].map((t) => throttle.check('job', t));

    expect(first.map((d) => d.blocked)).toEqual([false, false, true, true]);
    expect(first[2]).toEqual({ blocked: true, retryAfterSeconds: 10, opened: true });
    expect(later).toEqual({ blocked: true, retryAfterSeconds: 6, opened: false });
    expect(afterPeriod.map((d) => d.blocked)).toEqual([false, false, true]);
    expect(throttle.check('pat', 0).blocked).toBe(false);
  });

  it('stops after its episodes and reports remaining requests', () => {
    const throttle = new Throttle({ afterRequests: 1, retryAfterSeconds: 1 });

    const decisions = [0, 1, 2_000, 2_001, 2_002].map((t) => throttle.check('job', t).blocked);

    expect(decisions).toEqual([false, true, false, false, false]);
    expect(throttle.remaining('job')).toBe(0);
  });
});
