import { describe, expect, it } from 'vitest';

import { randomBytes, randomInt } from 'node:crypto';

import { redactHeaders, redactText, redactUrl } from './redact.js';

// Credential-shaped fixtures are built at run time from random bytes, so no token-like literal lives in
// the repository for secret scanners to flag (security-checklist.md A6).
function pick(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A signed-looking JWT: base64url JSON header and payload, random signature. */
function aJwt(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'RS256', x5t: randomBytes(8).toString('hex') });
  const payload = encode({ aud: 'urn:test', sub: crypto.randomUUID(), exp: 1_900_000_000 });
  return `${header}.${payload}.${randomBytes(64).toString('base64url')}`;
}

/** The legacy Azure DevOps PAT shape: 52 characters of lower-case base32. */
function aLegacyPat(): string {
  return pick('abcdefghijklmnopqrstuvwxyz234567', 52);
}

/** The current Azure DevOps PAT shape: 84 characters with `AZDO` at offset 76. */
function aNewPat(): string {
  return `${pick(ALPHANUMERIC, 76)}AZDO${pick(ALPHANUMERIC, 4)}`;
}

/** An opaque token with no recognisable shape (only a registry can catch it). */
function anOpaqueToken(): string {
  return `t${randomBytes(24).toString('base64url')}`;
}

/** Text that looks a little like secrets but is not (security-checklist.md B5 false-positive table). */
const BENIGN_CORPUS: readonly string[] = [
  'https://dev.azure.com/contoso/Fabrikam/_apis/git/repositories/3411ebc1-d5aa-464f-9615-0b527bc66719/pullrequests?api-version=7.1',
  'https://contoso@dev.azure.com/contoso/Fabrikam/_git/web',
  'https://contoso.visualstudio.com/DefaultCollection/_apis/policy/evaluations?artifactId=vstfs%3A%2F%2F%2FCodeReview%2FCodeReviewId%2F1%2F42',
  'http://localhost:8080/tfs/DefaultCollection',
  'git@ssh.dev.azure.com:v3/contoso/Fabrikam/web',
  '3411ebc1-d5aa-464f-9615-0b527bc66719',
  '{0f3e1a2b-4c5d-6e7f-8091-a2b3c4d5e6f7}',
  '2026-11-28T12:34:56.789Z',
  'Sat, 28 Nov 2026 12:34:56 GMT',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'Build 20261128.3 (MjAyNjExMjguMw==) queued',
  'refs/heads/feature/token-refresh-and-basic-auth',
  'Fix Authorization header handling for Basic auth users',
  'Use Bearer tokens instead of PATs (see #1234)',
  'Bump eyJhbGciOi-parser from 1.2.3 to 1.2.4',
  'TF400813: The user is not authorized to access this resource.',
  'policy type fa4e907d-c16b-4a4c-9dfa-4906e5d171dd is "Build"',
  'retry-after: 30',
  'password reset instructions: see docs/auth.md',
  'C:\\agent\\_work\\1\\s\\src\\index.ts:12:7',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
];

/** Where a secret may sit in output (npm/redact's suite uses the same idea). */
const CONTEXTS: Record<string, (value: string) => string> = {
  plain: (v) => v,
  doubled: (v) => `${v} and again ${v}`,
  quoted: (v) => `"${v}" '${v}'`,
  'prefixed with =': (v) => `token=${v}`,
  'inside JSON': (v) => JSON.stringify({ value: v, nested: [v] }),
  'on a log line': (v) => `2026-11-28T12:00:00Z debug sending ${v};`,
};
const URL_CONTEXTS: Record<string, (value: string) => string> = {
  'as a URL password': (v) => `https://build:${v}@dev.azure.com/org/_git/repo`,
  'as a sig query parameter': (v) => `https://x.blob.core.windows.net/c/b?sv=2024&sig=${v}&se=2026`,
  'as an access_token query parameter': (v) => `https://h.test/cb?access_token=${v}`,
};

const SHAPED: Record<string, () => string> = {
  JWT: aJwt,
  'legacy PAT': aLegacyPat,
  'new PAT': aNewPat,
};

describe('redactText', () => {
  describe.each(Object.entries(SHAPED))('a %s', (_shape, makeSecret) => {
    it.each(Object.entries({ ...CONTEXTS, ...URL_CONTEXTS }))('is removed %s', (_context, wrap) => {
      const secret = makeSecret();

      const redacted = redactText(wrap(secret));

      expect(redacted).not.toContain(secret);
      expect(redacted).toContain('***');
    });
  });

  describe.each([
    ['Authorization: Bearer', (t: string) => `Authorization: Bearer ${t}`],
    [
      'authorization: basic',
      (t: string) => `authorization: basic ${Buffer.from(`:${t}`).toString('base64')}`,
    ],
    ['Proxy-Authorization', (t: string) => `Proxy-Authorization: Basic ${t}`],
    ['"authorization":"Bearer …"', (t: string) => `{"authorization":"Bearer ${t}"}`],
    ['authorization=Bearer', (t: string) => `authorization=Bearer ${t}`],
  ])('an opaque credential in %s', (_form, header) => {
    it.each(Object.entries(CONTEXTS))('is removed %s, keeping the scheme', (_context, wrap) => {
      const token = anOpaqueToken();
      const text = header(token);
      const credential = /(?:bearer|basic) ([^"}\s]+)/i.exec(text)?.[1] ?? 'missing';

      const redacted = redactText(wrap(text));

      expect(redacted).not.toContain(credential);
      expect(redacted).toMatch(/(Bearer|Basic|basic) \*\*\*/);
    });
  });

  it('removes only the password of URL userinfo', () => {
    const token = anOpaqueToken();

    expect(redactText(`git remote https://build:${token}@dev.azure.com/org/_git/r`)).toBe(
      'git remote https://build:***@dev.azure.com/org/_git/r',
    );
  });

  it.each([
    ['spaces after authorization:', `authorization:${' '.repeat(400_000)}x`],
    ['repeated header prefixes', 'Authorization: '.repeat(40_000)],
    ['one long lower-case word', 'a'.repeat(400_000)],
    ['a long eyJ run', `eyJ${'a'.repeat(400_000)}`],
  ])(
    'stays linear on pathological input: %s (a quadratic pattern would exceed the timeout)',
    (_name, text) => {
      expect(redactText(text)).toHaveLength(text.length);
    },
    10_000,
  );

  it.each(BENIGN_CORPUS)('leaves benign text unchanged: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactUrl', () => {
  it.each([
    [
      'keeps api-version only',
      'https://h.test/a?api-version=7.1&sig=abc&$top=5',
      'https://h.test/a?api-version=7.1&sig=REDACTED&$top=REDACTED',
    ],
    ['removes userinfo', 'https://user:pass@h.test/a', 'https://REDACTED@h.test/a'],
    ['keeps the path and port', 'http://127.0.0.1:8080/org/_apis/x', 'http://127.0.0.1:8080/org/_apis/x'],
    ['drops the fragment', 'https://h.test/a#access_token=abc', 'https://h.test/a'],
    ['redacts a value-less parameter name', 'https://h.test/a?flag', 'https://h.test/a?flag=REDACTED'],
    [
      'matches api-version case-insensitively',
      'https://h.test/a?API-Version=7.1',
      'https://h.test/a?API-Version=7.1',
    ],
  ])('%s', (_name, url, expected) => {
    expect(redactUrl(new URL(url))).toBe(expected);
  });

  it('honours a custom allow-list', () => {
    expect(redactUrl('https://h.test/a?$top=5&x=1', ['$top'])).toBe('https://h.test/a?$top=5&x=REDACTED');
  });

  it('falls back to shape redaction for an unparsable URL', () => {
    const jwt = aJwt();

    expect(redactUrl(`not a url ${jwt}`)).toBe('not a url ***');
  });
});

describe('redactHeaders', () => {
  it('keeps allow-listed values and replaces the rest with REDACTED, lower-casing names', () => {
    const headers = {
      Authorization: `Bearer ${anOpaqueToken()}`,
      'Content-Type': 'application/json',
      'X-Tfs-Other': 'v',
    };

    expect(redactHeaders(headers, new Set(['content-type']))).toEqual({
      authorization: 'REDACTED',
      'content-type': 'application/json',
      'x-tfs-other': 'REDACTED',
    });
  });

  it('still shape-redacts an allow-listed value that holds a credential', () => {
    expect(redactHeaders({ 'x-note': aJwt() }, new Set(['x-note']))).toEqual({ 'x-note': '***' });
  });
});
