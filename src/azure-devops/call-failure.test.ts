// What each pipeline error means for a call: did it reach the server, and how is it shown (reference §5).
import { describe, expect, it } from 'vitest';

import { InsecureTransportError } from '../http/errors/insecure-transport-error.js';
import { NetworkError } from '../http/errors/network-error.js';
import { RateLimitExceededError } from '../http/errors/rate-limit-exceeded-error.js';
import { TimeoutError } from '../http/errors/timeout-error.js';
import { ApiFailure } from '../requeue/checks-api.js';
import { failureFromError, isRateLimitRefusal, mayHaveReachedServer } from './call-failure.js';
import { UnexpectedShapeError } from './json-guards.js';

const where = { method: 'PATCH' as const, url: 'https://dev.azure.com/o/p/_apis/x', operation: 'requeue' };

describe('mayHaveReachedServer', () => {
  it.each([
    ['a refused connection', new NetworkError({ ...where, code: 'ECONNREFUSED' }), false],
    ['a DNS failure', new NetworkError({ ...where, code: 'ENOTFOUND' }), false],
    ['a reset', new NetworkError({ ...where, code: 'ECONNRESET' }), true],
    ['a socket closed mid-answer', new NetworkError({ ...where, code: 'UND_ERR_SOCKET' }), true],
    ['a timeout', new TimeoutError({ ...where, timeoutMs: 30_000 }), true],
    ['a refused long wait', new RateLimitExceededError({ waitMs: 90_000, maxWaitMs: 60_000 }), false],
    ['an error of unknown origin', new Error('boom'), true],
    ['a thrown string', 'boom', true],
  ])('%s → %s', (_name, error, reached) => {
    expect(mayHaveReachedServer(error)).toBe(reached);
  });

  it('recognises a refused long wait by name, across module copies', () => {
    const copy = Object.assign(new Error('rate limited'), { name: 'RateLimitExceededError' });

    expect(isRateLimitRefusal(copy)).toBe(true);
    expect(isRateLimitRefusal(new Error('x'))).toBe(false);
  });
});

describe('failureFromError', () => {
  it('names the call, keeps the redacted message and the code', () => {
    const failure = failureFromError(
      new NetworkError({ ...where, code: 'ECONNRESET' }),
      'requeue check "CI"',
    );

    expect(failure).toMatchObject({
      kind: 'other',
      code: 'ECONNRESET',
      message:
        'requeue check "CI" failed: PATCH https://dev.azure.com/o/p/_apis/x failed: network error ECONNRESET',
    });
  });

  it('classifies an insecure transport as configuration, and a missing field as a bad shape', () => {
    const insecure = new InsecureTransportError({ url: 'http://dev.azure.com/o', operation: 'list' });

    expect(failureFromError(insecure, 'list projects').kind).toBe('config');
    expect(
      failureFromError(new UnexpectedShapeError('pull request 5 has no number "x"'), 'list PRs'),
    ).toMatchObject({
      code: 'bad-shape',
      message: 'list PRs: unexpected answer: pull request 5 has no number "x"',
    });
  });

  it('passes an ApiFailure through unchanged', () => {
    const failure = new ApiFailure('auth', 'no', 'TF400813');

    expect(failureFromError(failure, 'anything')).toBe(failure);
  });
});
