import { describe, expect, it } from 'vitest';

import { parseOrganizationUrl } from '../index.js';
import { UsageError } from './command-line.js';
import { refuseForeignOrganization } from './job-token-home.js';

const pipeline = (home: string) => ({ TF_BUILD: 'True', SYSTEM_COLLECTIONURI: home });
const refuses = (org: string, env: Record<string, string>, allow = false): boolean => {
  try {
    refuseForeignOrganization(parseOrganizationUrl(org), env, allow);
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return true;
  }
};

describe('refuseForeignOrganization', () => {
  it.each([
    ['https://dev.azure.com/fabrikam', 'https://dev.azure.com/fabrikam/'],
    ['https://dev.azure.com/Fabrikam', 'https://dev.azure.com/fabrikam/'],
    ['https://fabrikam.visualstudio.com', 'https://dev.azure.com/fabrikam/'],
    ['https://dev.azure.com/fabrikam', 'https://fabrikam.visualstudio.com/'],
    ['https://tfs.contoso.com/tfs/DefaultCollection', 'https://tfs.contoso.com/tfs/DefaultCollection/'],
  ])('lets the job token go to %s, the pipeline organization %s', (org, home) => {
    expect(refuses(org, pipeline(home))).toBe(false);
  });

  it.each([
    ['https://dev.azure.com/contoso', 'https://dev.azure.com/fabrikam/'],
    ['https://contoso.visualstudio.com', 'https://dev.azure.com/fabrikam/'],
    ['https://tfs.contoso.com/tfs/Other', 'https://tfs.contoso.com/tfs/DefaultCollection/'],
    ['https://evil.example/fabrikam', 'https://dev.azure.com/fabrikam/'],
  ])('refuses %s when the pipeline runs in %s, naming the fix', (org, home) => {
    expect(refuses(org, pipeline(home))).toBe(true);
    expect(() => refuseForeignOrganization(parseOrganizationUrl(org), pipeline(home), false)).toThrow(
      /--allow-foreign-org/,
    );
  });

  it('allows it with --allow-foreign-org, and outside a pipeline', () => {
    const org = 'https://dev.azure.com/contoso';
    expect(refuses(org, pipeline('https://dev.azure.com/fabrikam/'), true)).toBe(false);
    expect(refuses(org, { SYSTEM_COLLECTIONURI: 'https://dev.azure.com/fabrikam/' })).toBe(false);
  });
});
