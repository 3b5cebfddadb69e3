// The sweep is only as good as its detector: the canaries have the shapes they claim, assertNoLeak finds every
// encoding wherever it sits, and its message never repeats the canary (checklist E1, E4).
import { describe, expect, it } from 'vitest';

import { classifyToken } from '../../src/auth/classify-token.js';
import { assertNoLeak, encodedForms, findLeaks, makeCanaries } from '../support/canary.js';

describe('canaries', () => {
  it('are fresh per run and shaped like the real thing', () => {
    const first = makeCanaries();
    const second = makeCanaries();

    expect(classifyToken(first.jwt)).toBe('jwt');
    expect(first.pat).toMatch(/^[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}$/);
    expect(first.legacyPat).toMatch(/^[a-z2-7]{52}$/);
    expect(classifyToken(first.pat)).toBe('pat');
    expect(classifyToken(first.legacyPat)).toBe('pat');
    expect(second.all).not.toEqual(first.all);
  });
});

describe('findLeaks and assertNoLeak', () => {
  const { jwt } = makeCanaries();

  it.each(encodedForms(jwt).map((form) => [form.name, form.value] as const))(
    'find the %s form anywhere in any output',
    (name, value) => {
      expect(findLeaks({ clean: 'nothing here', dirty: `prefix ${value} suffix` }, jwt)).toContain(
        `dirty: ${name} at 7`,
      );
    },
  );

  it('find base64 of the token behind any prefix, at any alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', ':', 'user:', 'PAT:']) {
      const encoded = Buffer.from(`${prefix}${jwt}!`).toString('base64');

      expect(findLeaks({ out: encoded }, jwt).length, prefix).toBeGreaterThan(0);
    }
  });

  it('name the place and the form, never the canary', () => {
    let message = '';
    try {
      assertNoLeak({ stdout: `x ${encodeURIComponent(jwt)}` }, jwt);
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toMatch(/^secret leaked:\n {2}canary 0: stdout: raw at 2/);
    expect(message).toContain('canary 0: stdout: url-encoded at 2');
    for (const form of encodedForms(jwt)) expect(message).not.toContain(form.value);
  });

  it('pass clean output', () => {
    expect(() => assertNoLeak({ stdout: 'all good', stderr: '' }, makeCanaries().all)).not.toThrow();
  });
});
