import { randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deriveSecretForms, MIN_SECRET_FORM_CHARS } from './secret-forms.js';

/** A random opaque token, built at run time (no token-like literal in the repository). */
function anOpaqueToken(): string {
  return `t${randomBytes(24).toString('base64url')}`;
}

/** Secrets with characters that exercise every encoder: quotes, backslash, %, spaces, non-ASCII. */
const secretArbitrary = fc.string({
  unit: fc.constantFrom(...Array.from('abcXYZ0189-_.~+/=:@%"\\ é€😀')),
  minLength: 8,
  maxLength: 48,
});
const surroundingArbitrary = fc.string({ unit: 'binary', maxLength: 12 });

describe('deriveSecretForms', () => {
  it('includes the raw value, the Basic header values and the escaped forms', () => {
    const secret = `${anOpaqueToken()}"/é`;

    const forms = deriveSecretForms(secret);

    expect(forms).toEqual(
      expect.arrayContaining([
        secret,
        Buffer.from(`:${secret}`).toString('base64'),
        Buffer.from(`PAT:${secret}`).toString('base64'),
        Buffer.from(`:${secret}`).toString('base64url'),
        encodeURIComponent(secret),
        JSON.stringify(secret).slice(1, -1),
      ]),
    );
  });

  it('returns distinct forms, longest first, none shorter than 8 characters', () => {
    fc.assert(
      fc.property(secretArbitrary, (secret) => {
        const forms = deriveSecretForms(secret);

        expect(new Set(forms).size).toBe(forms.length);
        expect(forms.every((form) => form.length >= MIN_SECRET_FORM_CHARS)).toBe(true);
        expect(forms.map((form) => form.length)).toEqual(
          [...forms.map((form) => form.length)].sort((a, b) => b - a),
        );
      }),
    );
  });

  it.each(['base64', 'base64url'] as const)(
    'covers %s of the secret at any byte offset, whatever surrounds it',
    (alphabet) => {
      fc.assert(
        fc.property(secretArbitrary, surroundingArbitrary, surroundingArbitrary, (secret, before, after) => {
          const encoded = Buffer.from(before + secret + after, 'utf8').toString(alphabet);

          const forms = deriveSecretForms(secret);

          expect(forms.some((form) => encoded.includes(form))).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each([':', 'a:', 'ab:', 'abc:', 'abcd:', 'abcde:', 'build:', 'PAT:'])(
    'covers Basic auth with the username prefix %j (the runner prefix matrix)',
    (prefix) => {
      const secret = anOpaqueToken();
      const header = Buffer.from(prefix + secret).toString('base64');

      const covering = deriveSecretForms(secret).filter((form) => header.includes(form));

      expect(covering.length).toBeGreaterThan(0);
      // With the known ":" the mask starts within one character of the secret's first bit.
      const start = Math.min(...covering.map((form) => header.indexOf(form)));
      expect(start).toBeLessThanOrEqual(Math.ceil((prefix.length * 4) / 3));
    },
  );

  it('covers hex of the secret in lower and upper case, whatever surrounds it', () => {
    fc.assert(
      fc.property(secretArbitrary, surroundingArbitrary, surroundingArbitrary, (secret, before, after) => {
        const hex = Buffer.from(before + secret + after, 'utf8').toString('hex');

        const forms = deriveSecretForms(secret);

        expect(forms.some((form) => hex.includes(form))).toBe(true);
        expect(forms.some((form) => hex.toUpperCase().includes(form))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('produces nothing for a secret under 8 characters', () => {
    expect(deriveSecretForms('abcdefg')).toEqual([]);
  });

  it('does not throw on a lone surrogate', () => {
    expect(deriveSecretForms('abcdefgh\ud800')).toContain('abcdefgh\ud800');
  });
});
