import { describe, expect, it } from 'vitest';

import { aRequest, aResponse } from '../../test/http/support/builders.js';
import { createHttpError } from './create-http-error.js';

const PATCH = aRequest({
  method: 'PATCH',
  href: 'https://dev.azure.com/org/p/_apis/policy/evaluations/e1?api-version=7.1-preview.1',
  operation: 'requeue check',
  idempotent: false,
});

describe('createHttpError', () => {
  it('names the call and carries the Azure DevOps envelope (BOM-prefixed JSON)', () => {
    const body = `\uFEFF${JSON.stringify({
      $id: '1',
      message: 'TF401180: The requested pull request was not found.',
      typeName:
        'Microsoft.TeamFoundation.Git.Server.GitPullRequestNotFoundException, Microsoft.TeamFoundation.Git.Server',
      typeKey: 'GitPullRequestNotFoundException',
      errorCode: 0,
      eventId: 3000,
    })}`;

    const error = createHttpError(aResponse(PATCH, { status: 404, bodyText: body }));

    expect(error.message).toBe(
      'PATCH https://dev.azure.com/org/p/_apis/policy/evaluations/e1?api-version=7.1-preview.1 failed with 404 Not Found: ' +
        'TF401180: The requested pull request was not found.',
    );
    expect(error).toMatchObject({
      name: 'HttpError',
      code: 'HTTP_STATUS',
      status: 404,
      method: 'PATCH',
      operation: 'requeue check',
      typeKey: 'GitPullRequestNotFoundException',
      serverMessage: 'TF401180: The requested pull request was not found.',
      mayHaveReachedServer: true,
    });
  });

  it('uses a text/plain body as the message (404 for an unknown route)', () => {
    const response = aResponse(PATCH, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      bodyText: "The controller for path '/x' was not found or does not implement IController.",
    });

    expect(createHttpError(response).serverMessage).toBe(
      "The controller for path '/x' was not found or does not implement IController.",
    );
  });

  it.each([
    ['an HTML sign-in page', { 'content-type': 'text/html' }, '<html>{"message":"x"}</html>'],
    ['HTML that starts like JSON', { 'content-type': 'text/html' }, '{"message":"sign in"}'],
    ['invalid JSON', { 'content-type': 'application/json' }, '{"message":'],
    ['a JSON array', { 'content-type': 'application/json' }, '[1,2]'],
    ['JSON null', { 'content-type': 'application/json' }, 'null'],
    ['a non-string message', { 'content-type': 'application/json' }, '{"message":42,"typeKey":7}'],
    ['an empty message', { 'content-type': 'application/json' }, '{"message":""}'],
    ['an empty body', {}, ''],
  ])('keeps no server message for %s', (_name, headers: Record<string, string>, bodyText) => {
    const error = createHttpError(aResponse(PATCH, { status: 401, headers, bodyText }));

    expect(error.message).toBe(
      'PATCH https://dev.azure.com/org/p/_apis/policy/evaluations/e1?api-version=7.1-preview.1 failed with 401 Unauthorized',
    );
    expect(error.serverMessage).toBeUndefined();
    expect(error.typeKey).toBeUndefined();
  });

  it('neutralises logging commands and control characters in the server message', () => {
    const body = JSON.stringify({ message: 'bad ##vso[task.setvariable variable=x]y\n\u001b[31mred' });

    const error = createHttpError(aResponse(PATCH, { status: 400, bodyText: body }));

    expect(error.serverMessage).toBe('bad **vso[task.setvariable variable=x]y^J^[[31mred');
  });

  it('truncates a very long server message', () => {
    const body = JSON.stringify({ message: 'x'.repeat(5_000) });

    expect(createHttpError(aResponse(PATCH, { status: 500, bodyText: body })).serverMessage).toHaveLength(
      500,
    );
  });

  it('reads Retry-After into retryAfterMs', () => {
    const response = aResponse(PATCH, { status: 429, headers: { 'retry-after': '30' }, bodyText: '' });

    expect(createHttpError(response, { nowMs: 0 }).retryAfterMs).toBe(30_000);
  });

  it('names an unknown status', () => {
    expect(createHttpError(aResponse(PATCH, { status: 599, bodyText: '' })).message).toContain(
      'failed with 599 Unknown Status',
    );
  });
});
