import { describe, expect, it } from 'vitest';

import { AzdoRequeueHttpError, isAzdoRequeueHttpError } from './azdo-requeue-http-error.js';
import { CrossOriginCredentialError, isCrossOriginCredentialError } from './cross-origin-credential-error.js';
import { HttpError, isHttpError } from './http-error.js';
import { InsecureTransportError, isInsecureTransportError } from './insecure-transport-error.js';
import { isNetworkError, NetworkError } from './network-error.js';
import { isRateLimitExceededError, RateLimitExceededError } from './rate-limit-exceeded-error.js';
import { isResponseTooLargeError, ResponseTooLargeError } from './response-too-large-error.js';
import { isTimeoutError, TimeoutError } from './timeout-error.js';

const call = { method: 'GET', url: 'https://h.test/a', operation: 'list' } as const;

const EXAMPLES = [
  [new HttpError({ ...call, status: 503 }), isHttpError, 'HTTP_STATUS', true],
  [new NetworkError({ ...call, code: 'ECONNRESET' }), isNetworkError, 'ECONNRESET', true],
  [new NetworkError({ ...call, code: 'EAI_AGAIN' }), isNetworkError, 'EAI_AGAIN', false],
  [new TimeoutError(call), isTimeoutError, 'TIMEOUT', true],
  [
    new RateLimitExceededError({ waitMs: 2, maxWaitMs: 1 }),
    isRateLimitExceededError,
    'RATE_LIMIT_EXCEEDED',
    true,
  ],
  [
    new InsecureTransportError({ url: 'http://h.test/', operation: 'list' }),
    isInsecureTransportError,
    'INSECURE_TRANSPORT',
    false,
  ],
  [
    new CrossOriginCredentialError({
      requestOrigin: 'https://a.test',
      credentialOrigin: 'https://b.test',
      operation: 'x',
    }),
    isCrossOriginCredentialError,
    'CROSS_ORIGIN_CREDENTIAL',
    false,
  ],
  [
    new ResponseTooLargeError({ ...call, maxResponseBytes: 10 }),
    isResponseTooLargeError,
    'RESPONSE_TOO_LARGE',
    true,
  ],
] as const;

describe('the pipeline error hierarchy', () => {
  it.each(EXAMPLES)('%s has its code, name and reachability, and one base', (error, guard, code, reached) => {
    expect(error).toBeInstanceOf(AzdoRequeueHttpError);
    expect(isAzdoRequeueHttpError(error)).toBe(true);
    expect(guard(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.mayHaveReachedServer).toBe(reached);
    expect(error.name).toBe(error.constructor.name);
    expect(error.stack?.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
  });

  it.each(EXAMPLES)('%s is recognised by name across module copies', (error, guard) => {
    const lookalike = Object.assign(new Error(error.message), {
      name: error.name,
      code: error.code,
      mayHaveReachedServer: error.mayHaveReachedServer,
    });

    expect(guard(lookalike)).toBe(true);
    expect(guard(new Error('other'))).toBe(false);
    expect(guard('HttpError')).toBe(false);
  });

  it('serialises its fields, message and cause to JSON', () => {
    const error = new NetworkError({ ...call, code: 'ECONNRESET', cause: new Error('socket hang up') });

    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'NetworkError',
      code: 'ECONNRESET',
      mayHaveReachedServer: true,
      method: 'GET',
      url: 'https://h.test/a',
      operation: 'list',
      message: 'GET https://h.test/a failed: network error ECONNRESET',
      cause: { name: 'Error', message: 'socket hang up' },
    });
  });

  it('keeps the codes and inner messages of an AggregateError cause', () => {
    const inner = [Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' })];
    const error = new NetworkError({
      ...call,
      code: 'ECONNREFUSED',
      cause: new AggregateError(inner, 'all failed'),
    });

    expect((error.cause as Error).message).toBe('all failed (connect ECONNREFUSED ::1:80)');
  });

  it('keeps its own fields in one order, base fields first, so JSON and util.inspect read the same', () => {
    expect(Object.keys(new TimeoutError({ ...call, timeoutMs: 5 }))).toEqual([
      'code',
      'mayHaveReachedServer',
      'name',
      'method',
      'url',
      'operation',
      'timeoutMs',
    ]);
  });

  it('keeps an AzdoRequeueHttpError cause as it is', () => {
    const inner = new TimeoutError(call);

    expect(new RateLimitExceededError({ waitMs: 2, maxWaitMs: 1, cause: inner }).cause).toBe(inner);
  });
});
