import { describe, expect, it } from 'vitest';

import { makeLegacyPat } from '../../test/support/canary.js';
import { createSecretRegistry } from '../redaction/secret-registry.js';
import { createSecretRegistrar } from './secret-registrar.js';

describe('createSecretRegistrar', () => {
  it('registers each new form with the agent once, and masks it locally (checklist B1)', () => {
    const masker = createSecretRegistry();
    const agent: string[] = [];
    const register = createSecretRegistrar(masker, (form) => agent.push(form));
    const pat = makeLegacyPat();

    register(pat);
    const afterFirst = agent.length;
    register(pat);

    expect(afterFirst).toBeGreaterThan(3);
    expect(agent).toHaveLength(afterFirst);
    expect(agent).toContain(pat);
    expect(agent).toContain(Buffer.from(`:${pat}`).toString('base64'));
    expect(masker.redact(`x ${pat} y`)).toBe('x *** y');
  });

  it.each(['', '   ', 'abc', 'true', '1234567'])(
    'never registers the short or empty value %j (checklist B3)',
    (value) => {
      const masker = createSecretRegistry();
      const agent: string[] = [];

      createSecretRegistrar(masker, (form) => agent.push(form))(value);

      expect(agent).toEqual([]);
      expect(masker.forms()).toEqual([]);
    },
  );

  it('tells the agent nothing about a secret it masks already (the job token), but masks it locally', () => {
    const masker = createSecretRegistry();
    const agent: string[] = [];
    const jobToken = makeLegacyPat();
    const register = createSecretRegistrar(
      masker,
      (form) => agent.push(form),
      (s) => s === jobToken,
    );

    register(jobToken);

    expect(agent).toEqual([]);
    expect(masker.redact(`x ${jobToken} y`)).toBe('x *** y');
  });

  it('leaves out the URL- and JSON-escaped forms, which the agent derives from the raw value itself', () => {
    const agent: string[] = [];
    const secret = `${makeLegacyPat()}/+"`;

    createSecretRegistrar(createSecretRegistry(), (form) => agent.push(form))(secret);

    expect(agent).toContain(secret);
    expect(agent).not.toContain(encodeURIComponent(secret));
    expect(agent).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(agent).toContain(Buffer.from(secret).toString('hex'));
  });

  it('outside a pipeline masks locally and tells no agent', () => {
    const masker = createSecretRegistry();
    const pat = makeLegacyPat();

    createSecretRegistrar(masker)(pat);

    expect(masker.forms()).toContain(pat);
  });
});
