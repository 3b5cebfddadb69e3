import { randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deriveSecretForms } from './secret-forms.js';
import { createSecretRegistry } from './secret-registry.js';

/** A random opaque token, built at run time (no token-like literal in the repository). */
function anOpaqueToken(): string {
  return `t${randomBytes(24).toString('base64url')}`;
}

/** A JWT-shaped value (base64url JSON header), built at run time. */
function aJwt(): string {
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', kid: randomBytes(6).toString('hex') })).toString(
    'base64url',
  );
  return `${header}.${Buffer.from('{"sub":"x"}').toString('base64url')}.${randomBytes(32).toString('base64url')}`;
}

/** A few look-alikes; the full false-positive table is in redact.test.ts. */
const BENIGN_CORPUS = [
  'https://contoso@dev.azure.com/contoso/Fabrikam/_git/web',
  '3411ebc1-d5aa-464f-9615-0b527bc66719',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'Build 20261128.3 (MjAyNjExMjguMw==) queued',
];

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
