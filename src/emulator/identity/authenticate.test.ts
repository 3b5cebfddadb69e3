import { describe, expect, it } from 'vitest';
import { createRandom } from '../model/random.js';
import { authenticate } from './authenticate.js';
import { createBuildServiceIdentity, createUserIdentity } from './identities.js';
import { generateJobToken, generatePat, generateTokens } from './tokens.js';

const random = createRandom(1);
const identities = {
  job: createBuildServiceIdentity('org', 'c0ffee00-0000-4000-8000-000000000000', null, random),
  pat: createUserIdentity('Emulator User', 'tenant', random),
};
const tokens = generateTokens(
  'c0ffee00-0000-4000-8000-000000000000',
  identities.job.id,
  Date.UTC(2026, 0, 1),
);

function basic(user: string, token: string): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

describe('tokens', () => {
  it('makes a JWT-shaped job token whose exp is about an hour ahead', () => {
    const nowMs = Date.UTC(2026, 0, 1);
    const token = generateJobToken('collection', 'identity', nowMs);

    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { exp: number };
    expect(token.startsWith('eyJ')).toBe(true);
    expect(header).toMatch(/^[\w-]+$/);
    expect(signature).toMatch(/^[\w-]+$/);
    expect(claims.exp - nowMs / 1000).toBe(3600);
  });

  it('makes 52-character [a-z2-7] PATs that differ per call', () => {
    const [first, second] = [generatePat(), generatePat()];

    expect(first).toMatch(/^[a-z2-7]{52}$/);
    expect(first).not.toBe(second);
  });
});

describe('authenticate', () => {
  it.each([
    ['Bearer job', () => `Bearer ${tokens.jobToken}`, 'job', 'Bearer'],
    ['bearer (any case)', () => `bearer ${tokens.jobToken}`, 'job', 'Bearer'],
    ['Basic PAT:pat', () => basic('PAT', tokens.pat), 'pat', 'Basic'],
    ['Basic :pat', () => basic('', tokens.pat), 'pat', 'Basic'],
    ['Basic :job', () => basic('', tokens.jobToken), 'job', 'Basic'],
  ])('accepts %s', (_name, header, token, scheme) => {
    const outcome = authenticate(header(), tokens, identities);

    expect(outcome).toMatchObject({ kind: 'ok', caller: { token, scheme } });
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['Bearer nope', 'invalid'],
    ['Bearer ', 'invalid'],
    ['Negotiate abc', 'invalid'],
  ])('refuses %j as %s', (header, kind) => {
    expect(authenticate(header, tokens, identities).kind).toBe(kind);
  });

  it('names the build identity like the service and the error messages do', () => {
    expect(identities.job.displayName).toBe('Project Collection Build Service (org)');
    expect(identities.job.account).toMatch(/^Build\\[0-9a-f-]{36}$/);
    expect(identities.job.descriptor).toMatch(
      /^Microsoft\.TeamFoundation\.ServiceIdentity;c0ffee00-.*:Build:/,
    );
  });
});
