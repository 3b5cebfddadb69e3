import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { classifyToken } from './classify-token.js';
import { readJwtExpiry } from './jwt-expiry.js';
import { resolveCredential } from './resolve-credential.js';

// Canaries are made at run time so no token-shaped literal sits in the repository.
const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
const legacyPat = (): string => Array.from(randomBytes(52), (b) => base32[b % 32]).join('');
const alnum = (n: number): string =>
  randomBytes(n * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n);
const newPat = (): string => `${alnum(76)}AZDO${alnum(4)}`;
const jwt = (payload: object): string =>
  ['{"alg":"none"}', JSON.stringify(payload), 'sig']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');

describe('classifyToken', () => {
  it('tells legacy PATs, new PATs, JWTs and opaque tokens apart', () => {
    expect(classifyToken(legacyPat())).toBe('pat');
    expect(classifyToken(newPat())).toBe('pat');
    expect(classifyToken(jwt({ exp: 1 }))).toBe('jwt');
    expect(classifyToken(alnum(40))).toBe('opaque');
  });
});

describe('resolveCredential', () => {
  it('prefers the job token and sends it as Bearer', async () => {
    const token = jwt({ exp: 2_000_000_000 });

    const resolved = await resolveCredential('auto', { jobToken: token, pat: legacyPat() });

    expect(resolved.credential.kind).toBe('job-token');
    expect(await resolved.credential.authorize()).toBe(`Bearer ${token}`);
    expect(resolved.warnings).toEqual([]);
  });

  it('falls back to a PAT as Basic with a warning that recommends the job token', async () => {
    const pat = legacyPat();

    const resolved = await resolveCredential('auto', { pat });

    expect(await resolved.credential.authorize()).toBe(`Basic ${Buffer.from(`:${pat}`).toString('base64')}`);
    expect(resolved.warnings[0]).toMatch(/prefer the pipeline job token/);
    expect(resolved.credential.secrets).toContain(Buffer.from(`:${pat}`).toString('base64'));
  });

  it('never sends a PAT as Bearer, even from SYSTEM_ACCESSTOKEN', async () => {
    const resolved = await resolveCredential('job-token', { jobToken: newPat() });

    expect(await resolved.credential.authorize()).toMatch(/^Basic /);
    expect(resolved.warnings[0]).toMatch(/holds a personal access token/);
  });

  it('explains exactly how to map the job token when there is no credential', async () => {
    await expect(resolveCredential('auto', {})).rejects.toThrow(
      /SYSTEM_ACCESSTOKEN: \$\(System\.AccessToken\)/,
    );
    await expect(resolveCredential('auto', {})).rejects.toThrow(/Allow scripts to access the OAuth token/);
  });

  it('refuses a multi-line token', async () => {
    await expect(resolveCredential('auto', { jobToken: `${alnum(20)}\n${alnum(20)}` })).rejects.toThrow(
      /several lines/,
    );
  });

  it('trims surrounding whitespace from a token', async () => {
    const token = jwt({ exp: 1 });

    const resolved = await resolveCredential('auto', { jobToken: `  ${token}\r\n` });

    expect(await resolved.credential.authorize()).toBe(`Bearer ${token}`);
  });
});

describe('readJwtExpiry', () => {
  it.each([
    [jwt({ exp: 1_900_000_000 }), 1_900_000_000_000],
    [jwt({ exp: 'soon' }), undefined],
    [jwt({ exp: 1e15 }), undefined],
    ['a.b.c.d.e', undefined],
    ['opaque-token', undefined],
    ['eyJ.!!!.x', undefined],
  ])('reads %s as %s', (token, expected) => {
    expect(readJwtExpiry(token)).toBe(expected);
  });
});
