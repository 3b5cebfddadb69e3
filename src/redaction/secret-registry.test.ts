import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { BENIGN_CORPUS } from '../../test/redaction/benign-corpus.js';
import { aJwt, anOpaqueToken } from '../../test/redaction/secret-fixtures.js';
import { deriveSecretForms } from './secret-forms.js';
import { createSecretRegistry } from './secret-registry.js';

const tokenArbitrary = fc.string({
  unit: fc.constantFrom(...'ABCxyz0123456789-_.~+/=:@%"\\'.split('')),
  minLength: 8,
  maxLength: 40,
});
const contextArbitrary = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
/** How a token can be written out: each is a form the registry derives. */
const ENCODINGS: Record<string, (token: string) => string> = {
  raw: (t) => t,
  'basic header': (t) => `Authorization: Basic ${Buffer.from(`:${t}`).toString('base64')}`,
  'PAT header': (t) => Buffer.from(`PAT:${t}`).toString('base64'),
  'user:token base64url': (t) => Buffer.from(`someone:${t}`).toString('base64url'),
  'url-encoded': (t) => `https://h.test/?q=${encodeURIComponent(t)}`,
  'json-escaped': (t) => JSON.stringify({ t }),
};

describe('createSecretRegistry', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '          '],
    ['short', 'abc'],
    ['seven characters', 'true123'],
  ])('ignores a %s value', (_name, value) => {
    const registry = createSecretRegistry();

    registry.add(value);

    expect(registry.forms()).toEqual([]);
    expect(registry.redact(`x ${value} y`)).toBe(`x ${value} y`);
  });

  it.each(['a\nb-long-enough', 'line-one-long\r\nline-two'])('rejects the multi-line value %j', (value) => {
    expect(() => createSecretRegistry().add(value)).toThrow(TypeError);
  });

  it('replaces every derived form with ***', () => {
    const registry = createSecretRegistry();
    const token = anOpaqueToken();
    registry.add(token);

    for (const form of deriveSecretForms(token)) {
      expect(registry.redact(`before ${form} after`)).toBe('before *** after');
    }
  });

  it('also applies the shape-based patterns', () => {
    const jwt = aJwt();

    expect(createSecretRegistry().redact(`token ${jwt}`)).toBe('token ***');
  });

  it('keeps secrets per instance', () => {
    const token = anOpaqueToken();
    createSecretRegistry().add(token);

    expect(createSecretRegistry().redact(token)).toBe(token);
  });

  it('leaves the benign corpus unchanged with secrets registered', () => {
    const registry = createSecretRegistry();
    registry.add(anOpaqueToken());
    registry.add(aJwt());

    for (const text of BENIGN_CORPUS) expect(registry.redact(text)).toBe(text);
  });

  it('removes random tokens in random encodings at random offsets of random text', () => {
    fc.assert(
      fc.property(
        tokenArbitrary,
        fc.constantFrom(...Object.keys(ENCODINGS)),
        contextArbitrary,
        contextArbitrary,
        (token, encodingName, before, after) => {
          fc.pre(!before.includes(token) && !after.includes(token));
          const registry = createSecretRegistry();
          registry.add(token);
          const encoded = (ENCODINGS[encodingName] ?? String)(token);

          const redacted = registry.redact(`${before}${encoded}${after}`);

          expect(redacted).not.toContain(token);
          for (const form of registry.forms()) expect(redacted).not.toContain(form);
        },
      ),
      { numRuns: 500 },
    );
  });
});
