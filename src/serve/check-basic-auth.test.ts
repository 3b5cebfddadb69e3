import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { createBasicAuthCheck, passwordOf } from './check-basic-auth.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('createBasicAuthCheck', () => {
  const secret = randomBytes(24).toString('base64');
  const isAuthorized = createBasicAuthCheck(secret);

  it('accepts the secret as the password with any user name', () => {
    expect(isAuthorized(basic('azdo-requeue', secret))).toBe(true);
    expect(isAuthorized(basic('', secret))).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['a wrong password', basic('azdo-requeue', `${secret}x`)],
    ['the secret as the user name', basic(secret, '')],
    ['a bearer token', `Bearer ${secret}`],
    ['a malformed value', 'Basic !!!'],
  ])('refuses %s', (_what, header) => {
    expect(isAuthorized(header)).toBe(false);
  });
});

describe('passwordOf', () => {
  it('keeps colons that belong to the password', () => {
    expect(passwordOf(basic('u', 'a:b:c'))).toBe('a:b:c');
  });
});
