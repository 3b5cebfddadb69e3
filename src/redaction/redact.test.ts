import { describe, expect, it } from 'vitest';

import { aJwt, aLegacyPat, aNewPat, anOpaqueToken } from '../../test/redaction/secret-fixtures.js';
import { BENIGN_CORPUS } from '../../test/redaction/benign-corpus.js';
import { redactHeaders, redactText, redactUrl } from './redact.js';

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
