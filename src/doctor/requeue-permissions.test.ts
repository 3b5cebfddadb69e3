import { describe, expect, it } from 'vitest';

import {
  buildPermissionBatch,
  readPermissionVerdicts,
  type PermissionRequest,
} from './requeue-permissions.js';

const request: PermissionRequest = {
  projectId: 'p-1',
  repositories: [{ id: 'r-1', name: 'web' }],
  definitions: [{ id: '12', name: 'CI' }],
};

describe('requeue permissions', () => {
  it('asks for Git PullRequestContribute on repoV2/{project}/{repo} and Build QueueBuilds on {project}/{definition}', () => {
    expect(buildPermissionBatch(request)).toEqual({
      alwaysAllowAdministrators: false,
      evaluations: [
        {
          securityNamespaceId: '2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87',
          token: 'repoV2/p-1/r-1',
          permissions: 16384,
        },
        { securityNamespaceId: '33344d9c-fc72-4d6f-aba5-fa317101a7e9', token: 'p-1/12', permissions: 128 },
      ],
    });
  });

  it('reads the answer in order', () => {
    const answer = {
      evaluations: [
        { token: 'repov2/P-1/R-1', value: false },
        { token: 'p-1/12', value: true },
      ],
    };

    expect(readPermissionVerdicts(request, answer).map((verdict) => verdict.allowed)).toEqual([false, true]);
  });

  it.each([
    ['no answer', undefined],
    ['no evaluations', { value: [] }],
    ['a non-boolean value', { evaluations: [{ value: 'yes' }, { value: 1 }] }],
    [
      'an answer about other tokens',
      {
        evaluations: [
          { token: 'repoV2/p-2/r-9', value: true },
          { token: 'x', value: true },
        ],
      },
    ],
  ])('treats %s as unknown, never as allowed', (_name, answer) => {
    expect(readPermissionVerdicts(request, answer).map((verdict) => verdict.allowed)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
