import { describe, expect, it } from 'vitest';

import { OrganizationUrlError, parseOrganizationUrl } from './organization-url.js';

describe('parseOrganizationUrl', () => {
  it.each([
    ['https://dev.azure.com/fabrikam/', 'https://dev.azure.com/fabrikam', 'https://dev.azure.com'],
    [
      'https://fabrikam.visualstudio.com',
      'https://fabrikam.visualstudio.com',
      'https://fabrikam.visualstudio.com',
    ],
    [
      'https://tfs.example.com/tfs/DefaultCollection',
      'https://tfs.example.com/tfs/DefaultCollection',
      'https://tfs.example.com',
    ],
    ['http://127.0.0.1:8080/org', 'http://127.0.0.1:8080/org', 'http://127.0.0.1:8080'],
    ['http://localhost:9/org/', 'http://localhost:9/org', 'http://localhost:9'],
  ])('accepts %s', (input, url, origin) => {
    expect(parseOrganizationUrl(input)).toMatchObject({ url, origin });
  });

  it('marks loopback http so the CLI can print its notice', () => {
    expect(parseOrganizationUrl('http://127.0.0.1:1/org').isLoopbackHttp).toBe(true);
    expect(parseOrganizationUrl('https://dev.azure.com/org').isLoopbackHttp).toBe(false);
  });

  it.each([
    ['not a url', /not a URL/],
    ['http://dev.azure.com/fabrikam', /only over https/],
    ['http://10.1.2.3/tfs/c', /only over https/],
    ['ftp://dev.azure.com/fabrikam', /only over https/],
    ['https://user:secret@dev.azure.com/fabrikam', /user name or password/],
    ['https://dev.azure.com/', /dev.azure.com\/\{organization\}/],
    ['https://dev.azure.com/a/b', /dev.azure.com\/\{organization\}/],
    ['https://dev.azure.com/org?x=1', /query/],
    ['https://server.example.com', /names no organization/],
  ])('refuses %s', (input, message) => {
    expect(() => parseOrganizationUrl(input)).toThrow(OrganizationUrlError);
    expect(() => parseOrganizationUrl(input)).toThrow(message);
  });
});
