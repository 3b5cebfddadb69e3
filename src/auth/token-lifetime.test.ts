import { describe, expect, it } from 'vitest';

import { makeJwt, makeOpaqueToken } from '../../test/support/canary.js';
import { describeTokenLifetime, readJwtExpiry } from './token-lifetime.js';

const NOW = 1_800_000_000_000;
const seconds = (ms: number): number => Math.floor(ms / 1000);
const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('token lifetime (checklist D1)', () => {
  const fixtures: [string, string, string][] = [
    ['a JWT with exp in 57 minutes', makeJwt({ exp: seconds(NOW + 57.5 * 60_000) }), 'expires in 57 min'],
    ['a JWT with exp in the past', makeJwt({ exp: seconds(NOW - 3 * 60_000) }), 'expired 3 min ago'],
    ['a JWT with exp = 1e15', makeJwt({ exp: 1e15 }), 'expiry unknown'],
    ['a JWT with a string exp', makeJwt({ exp: 'soon' }), 'expiry unknown'],
    ['a JWT without exp', `${segment({ alg: 'none' })}.${segment({ sub: 'x' })}.sig`, 'expiry unknown'],
    ['a 5-segment JWE', `${segment({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a.b.c.d`, 'expiry unknown'],
    ['an opaque token', makeOpaqueToken(60), 'expiry unknown'],
    ['bad base64 in the payload', 'eyJhbGciOiJub25lIn0.!!!!.x', 'expiry unknown'],
    ['a payload that is not an object', `${segment({ alg: 'none' })}.${segment(42)}.x`, 'expiry unknown'],
  ];

  it.each(fixtures)(
    '%s → %s, without throwing or printing any part of the token',
    (_name, token, expected) => {
      const text = describeTokenLifetime(readJwtExpiry(token), NOW);

      expect(text).toBe(expected);
      for (const part of token.split('.')) if (part.length >= 4) expect(text).not.toContain(part);
    },
  );

  it('says less than a minute rather than 0', () => {
    expect(describeTokenLifetime(NOW + 30_000, NOW)).toBe('expires in less than a minute');
  });
});
