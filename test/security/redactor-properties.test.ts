// Property tests of redaction as the CLI composes it (checklist E2): secrets registered the way the credential
// layer registers them (createSecretRegistrar → secret registry), output written through the redacting writer in
// arbitrary chunks. Random tokens in random contexts never survive in any encoding; benign text passes unchanged.
// The seed is fixed and printed in the test names; FC_SEED overrides it to reproduce or explore.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createSecretRegistrar } from '../../src/auth/secret-registrar.js';
import { credentialFromToken } from '../../src/auth/static-credential.js';
import { createRedactingWriter } from '../../src/redaction/redacting-writer.js';
import { createSecretRegistry } from '../../src/redaction/secret-registry.js';
import { findLeaks } from '../support/canary.js';

const SEED = Number(process.env['FC_SEED'] ?? 20_261_128);
const RUNS = 300;

/** Token alphabets seen in practice: base64url (JWT), alphanumerics (PATs), base32 (legacy PATs), and worse. */
const tokenArbitrary = fc
  .tuple(
    fc.constantFrom(
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'abcdefghijklmnopqrstuvwxyz234567',
      'abcdef0123456789+/=%:@~!$&*()[]{}',
    ),
    fc.integer({ min: 12, max: 120 }),
    fc.infiniteStream(fc.nat()),
  )
  .map(([alphabet, length, picks]) => {
    const iterator = picks[Symbol.iterator]();
    return Array.from({ length }, () => alphabet[(iterator.next().value as number) % alphabet.length]).join(
      '',
    );
  });

/** How a token can end up in output: raw, quoted, in JSON, in a URL, in headers, base64 behind a prefix. */
const contexts: readonly ((token: string, prefix: string) => string)[] = [
  (t) => t,
  (t) => `"${t}"`,
  (t) => `token=${t}`,
  (t) => `${t}${t}`,
  (t) => JSON.stringify({ value: t, nested: { list: [t] } }),
  (t) => `https://dev.azure.com/org/_apis/x?sig=${encodeURIComponent(t)}&api-version=7.1`,
  (t) => `Authorization: Basic ${Buffer.from(`:${t}`).toString('base64')}`,
  (t) => `Authorization: Bearer ${t}`,
  (t, p) => Buffer.from(`${p}${t}`).toString('base64'),
  (t, p) => Buffer.from(`${p}${t}`).toString('base64url'),
];

/** Writes `text` through a redacting writer in the given chunk sizes; returns what reached the sink. */
function writeInChunks(text: string, sizes: readonly number[], redact: (text: string) => string): string {
  let sink = '';
  const writer = createRedactingWriter({ write: (chunk: string) => (sink += chunk) }, redact);
  let offset = 0;
  for (const size of sizes) {
    if (offset >= text.length) break;
    writer.write(text.slice(offset, offset + size));
    offset += size;
  }
  writer.write(text.slice(offset));
  writer.flush();
  return sink;
}

describe(`redaction end to end (fast-check seed ${SEED})`, () => {
  it('no encoding of a registered token survives any context, position or chunking', () => {
    fc.assert(
      fc.property(
        tokenArbitrary,
        fc.constantFrom<'job-token' | 'pat'>('job-token', 'pat'),
        fc.nat({ max: contexts.length - 1 }),
        fc.string({ maxLength: 2 }),
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
        (token, kind, contextIndex, prefix, noise, sizes) => {
          const registry = createSecretRegistry();
          const register = createSecretRegistrar(registry);
          for (const secret of credentialFromToken(token, kind, 'test', 'test').credential.secrets)
            register(secret);
          const context = contexts[contextIndex] ?? contexts[0];
          const line = context ? context(token, prefix) : token;
          const text = [...noise, `before ${line} after`, ...noise].join('\n');

          const output = writeInChunks(text, sizes, (chunk) => registry.redact(chunk));

          expect(findLeaks({ output }, token)).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const BENIGN = [
    'azdo-requeue: https://dev.azure.com/fabrikam (dry run: nothing was requeued)',
    '  * PR 42 "Add dark mode" (web-app: feature/add-dark-mode -> main) [#1: other required policies pass]',
    '      would requeue: "web-app CI": build expired (dry run)',
    'GET https://dev.azure.com/fabrikam/6f1c2c4e-0000-4000-8000-000000000001/_apis/git/pullrequests?api-version=7.1',
    'commit 574271bb4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f, build 20260401.4, queued 2026-04-01T10:48:33.3063796Z',
    'vstfs:///CodeReview/CodeReviewId/0bdbc590-a062-4c3f-b0f6-9383f67865ee%2f559601',
    'Summary: 31 pull requests, 44 build checks: 3 requeued, 41 skipped, 0 failed.',
    'The identity needs "Contribute to pull requests" (Git Repositories, bit 16384) on repoV2/p/r.',
    'Authorization failed? Run `azdo-requeue doctor`.',
    '{"schemaVersion":1,"summary":{"requeued":3,"skipped":41},"organization":"https://dev.azure.com/fabrikam"}',
  ];

  it('leaves benign output byte-for-byte unchanged, whatever secrets are registered and however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(tokenArbitrary, { minLength: 1, maxLength: 3 }),
        fc.shuffledSubarray(BENIGN, { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 40 }),
        (tokens, lines, sizes) => {
          const text = `${lines.join('\n')}\n`;
          fc.pre(tokens.every((token) => !text.includes(token)));
          const registry = createSecretRegistry();
          const register = createSecretRegistrar(registry);
          for (const token of tokens) register(token);

          expect(writeInChunks(text, sizes, (chunk) => registry.redact(chunk))).toBe(text);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
