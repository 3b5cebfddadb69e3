// Turning answers into JSON or one-line failures that name the call (reference §5: error envelope, BOM, 203).
import { describe, expect, it } from 'vitest';

import type { HttpResponse } from '../http/types.js';
import { ApiFailure } from '../requeue/checks-api.js';
import { failureFromResponse, readJson } from './read-response.js';

const WHAT = 'list policy checks of pull request 7';

function anAnswer(
  status: number,
  bodyText: string,
  contentType = 'application/json; charset=utf-8',
): HttpResponse {
  return {
    status,
    headers: { 'content-type': contentType },
    bodyText,
    request: {
      method: 'GET',
      url: new URL(
        'https://dev.azure.com/o/p/_apis/policy/evaluations?artifactId=secret-ish&api-version=7.1',
      ),
      headers: {},
      idempotent: true,
      operation: WHAT,
    },
  };
}

function failureOf(run: () => unknown): ApiFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiFailure) return error;
    throw error;
  }
  throw new Error('expected an ApiFailure');
}

const CALL = `${WHAT} (GET https://dev.azure.com/o/p/_apis/policy/evaluations)`;

describe('readJson', () => {
  it('parses JSON after a UTF-8 BOM', () => {
    expect(readJson(anAnswer(200, '\uFEFF{"count":0,"value":[]}'), WHAT)).toEqual({ count: 0, value: [] });
  });

  it.each([
    [
      anAnswer(200, 'Service temporarily degraded.', 'text/plain; charset=utf-8'),
      `${CALL} returned text/plain instead of JSON (HTTP 200, 29 bytes)`,
    ],
    [
      anAnswer(200, '{"count":3,"val'),
      `${CALL} returned a body that is not valid JSON (HTTP 200, 15 bytes; cut off in transit?)`,
    ],
  ])(
    'names the call and what was wrong, never quoting the body, and leaves the query out',
    (answer, message) => {
      const failure = failureOf(() => readJson(answer, WHAT));

      expect(failure).toMatchObject({ kind: 'other', code: 'bad-json', message });
    },
  );

  it.each([
    ['a 203', anAnswer(203, '<html>sign in</html>', 'text/html')],
    ['a 200 with HTML', anAnswer(200, '<html>sign in</html>', 'text/html; charset=utf-8')],
  ])('treats %s as a sign-in page: an auth failure, never data', (_name, answer) => {
    const failure = failureOf(() => readJson(answer, WHAT));

    expect(failure.kind).toBe('auth');
    expect(failure.message).toMatch(/answered with a sign-in page .* instead of data/);
  });
});

describe('failureFromResponse', () => {
  it.each([
    [
      404,
      '{"message":"TF401180: The requested pull request was not found.","typeKey":"GitPullRequestNotFoundException"}',
      'not-found',
      'TF401180',
      /failed with 404: TF401180/,
    ],
    [
      403,
      '{"message":"TF401027: You need the Git \'PullRequestContribute\' permission."}',
      'auth',
      'TF401027',
      /failed with 403: TF401027/,
    ],
    [
      401,
      '',
      'auth',
      'HTTP 401',
      /failed with 401 Unauthorized: the token is missing, expired or not accepted$/,
    ],
    [
      429,
      '{"message":"TF400733: The request has been canceled."}',
      'other',
      'TF400733',
      /was throttled by Azure DevOps \(429\) and still refused after the retries: TF400733/,
    ],
    [503, '{"typeKey":"VssServiceException"}', 'other', 'VssServiceException', /failed with 503$/],
    [500, 'not json at all', 'other', 'HTTP 500', /failed with 500$/],
  ])('%i → %s (%s)', (status, body, kind, code, message) => {
    const failure = failureFromResponse(anAnswer(status, body), WHAT);

    expect(failure).toMatchObject({ kind, code });
    expect(failure.message.startsWith(CALL)).toBe(true);
    expect(failure.message).toMatch(message);
  });
});
