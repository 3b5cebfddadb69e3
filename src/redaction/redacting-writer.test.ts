import { randomBytes } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createRedactingWriter } from './redacting-writer.js';
import { createSecretRegistry } from './secret-registry.js';

/** A random opaque token, built at run time (no token-like literal in the repository). */
function anOpaqueToken(): string {
  return `t${randomBytes(24).toString('base64url')}`;
}

function aCapturingWriter(secret: string, options: { maxPendingChars?: number } = {}) {
  const registry = createSecretRegistry();
  registry.add(secret);
  const written: string[] = [];
  const writer = createRedactingWriter(
    { write: (chunk: string) => written.push(chunk) },
    registry.redact,
    options,
  );
  return { writer, output: () => written.join('') };
}

/** Splits `text` at the given offsets (sorted, deduplicated, clamped). */
function splitAt(text: string, offsets: readonly number[]): string[] {
  const cuts = [...new Set(offsets.map((offset) => Math.min(offset, text.length)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(text.slice(start, cut));
    start = cut;
  }
  parts.push(text.slice(start));
  return parts;
}

describe('createRedactingWriter', () => {
  it('catches a secret split across two writes at every offset (security-checklist B6)', () => {
    const secret = anOpaqueToken();
    const line = `token is ${secret} ok\n`;

    for (let offset = 0; offset <= line.length; offset++) {
      const { writer, output } = aCapturingWriter(secret);
      writer.write(line.slice(0, offset));
      writer.write(line.slice(offset));

      expect(output()).toBe('token is *** ok\n');
    }
  });

  it('holds a partial line until flush', () => {
    const secret = anOpaqueToken();
    const { writer, output } = aCapturingWriter(secret);

    writer.write(`done ${secret.slice(0, 5)}`);
    expect(output()).toBe('');
    writer.write(secret.slice(5));
    writer.flush();

    expect(output()).toBe('done ***');
  });

  it('writes complete lines at once and keeps the rest', () => {
    const { writer, output } = aCapturingWriter(anOpaqueToken());

    writer.write('one\ntwo\nthr');

    expect(output()).toBe('one\ntwo\n');
  });

  it('writes a line longer than maxPendingChars without waiting for its newline', () => {
    const { writer, output } = aCapturingWriter(anOpaqueToken(), { maxPendingChars: 10 });

    writer.write('x'.repeat(11));

    expect(output()).toBe('x'.repeat(11));
  });

  it('never lets a token through, whatever the chunking, offsets and surrounding lines', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ABCxyz0123456789-_.~+/='), minLength: 8, maxLength: 40 }),
        fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        fc.nat({ max: 4 }),
        fc.array(fc.nat({ max: 200 }), { maxLength: 12 }),
        (token, lines, lineIndex, offsets) => {
          fc.pre(lines.every((line) => !line.includes(token)));
          const target = lineIndex % lines.length;
          const text = lines
            .map((line, index) => (index === target ? `${line}${token}${line}` : line))
            .join('\n');
          const { writer, output } = aCapturingWriter(token);

          for (const chunk of splitAt(text, offsets)) writer.write(chunk);
          writer.flush();

          expect(output()).not.toContain(token);
        },
      ),
      { numRuns: 500 },
    );
  });
});
