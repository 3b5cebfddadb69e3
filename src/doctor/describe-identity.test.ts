import { describe, expect, it } from 'vitest';

import { describeIdentity } from './describe-identity.js';

const connectionData = (user: Record<string, unknown>): unknown => ({ authenticatedUser: user });

describe('describeIdentity (reference §2.5, §8)', () => {
  it('recognises the project-scoped build service and what it means', () => {
    const identity = describeIdentity(
      connectionData({
        descriptor: 'Microsoft.TeamFoundation.ServiceIdentity;c-1:Build:p-1',
        providerDisplayName: 'Contoso Web Build Service (fabrikam)',
        properties: { Account: { $value: 'Build\\p-1' } },
      }),
    );

    expect(identity).toMatchObject({
      kind: 'project-build-service',
      displayName: 'Contoso Web Build Service (fabrikam)',
      projectName: 'Contoso Web',
      account: 'Build\\p-1',
    });
    expect(identity?.meaning).toContain('Limit job authorization scope to current project');
  });

  it('recognises the collection-scoped build service and recommends limiting the scope, never widening it', () => {
    const identity = describeIdentity(
      connectionData({
        descriptor: 'Microsoft.TeamFoundation.ServiceIdentity;c-1:Build:x-9',
        providerDisplayName: 'Project Collection Build Service (fabrikam)',
      }),
    );

    expect(identity?.kind).toBe('collection-build-service');
    expect(identity?.meaning).toContain('can reach every project');
    expect(identity?.meaning).toContain('Microsoft recommends turning that setting on');
  });

  it.each([
    ['Microsoft.IdentityModel.Claims.ClaimsIdentity;tenant\\user@example.com', 'user'],
    ['Microsoft.VisualStudio.Services.Claims.AadServicePrincipal;tenant\\app', 'service-principal'],
    ['Microsoft.TeamFoundation.AnonymousPrincipal;Anonymous', 'anonymous'],
    ['Something.Else;x', 'unknown'],
  ])('classifies %s as %s', (descriptor, kind) => {
    expect(describeIdentity(connectionData({ descriptor, providerDisplayName: 'Someone' }))?.kind).toBe(kind);
  });

  it('neutralises logging commands and control characters in the display name (checklist B9, B10)', () => {
    const identity = describeIdentity(
      connectionData({
        descriptor: 'Microsoft.IdentityModel.Claims.ClaimsIdentity;t\\u',
        providerDisplayName: 'Eve ##vso[task.setvariable variable=x]y \u001b[31mred',
      }),
    );

    expect(identity?.displayName).not.toMatch(/##vso\[/i);
    expect(identity?.displayName).not.toContain('\u001b');
  });

  it.each([[null], [{}], [{ authenticatedUser: 'x' }]])('returns undefined for %j', (value) => {
    expect(describeIdentity(value)).toBeUndefined();
  });
});
