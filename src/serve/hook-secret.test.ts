import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { HookSecretError, readHookSecret } from './hook-secret.js';

const noFile = () => Promise.reject(Object.assign(new Error('absent'), { code: 'ENOENT' }));

describe('readHookSecret', () => {
  const secret = randomBytes(24).toString('hex');

  it('reads the variable', async () => {
    await expect(readHookSecret({ AZDO_REQUEUE_HOOK_SECRET: secret }, noFile)).resolves.toBe(secret);
  });

  it('prefers the file, without its trailing line break', async () => {
    const env = {
      AZDO_REQUEUE_HOOK_SECRET: 'ignored-ignored-ignored',
      AZDO_REQUEUE_HOOK_SECRET_FILE: '/run/s',
    };
    await expect(readHookSecret(env, () => Promise.resolve(`${secret}\n`))).resolves.toBe(secret);
  });

  it.each([
    ['missing', {}],
    ['too short', { AZDO_REQUEUE_HOOK_SECRET: 'short' }],
    ['an unreadable file', { AZDO_REQUEUE_HOOK_SECRET_FILE: '/nope' }],
  ])('refuses a secret that is %s, without echoing it', async (_what, env) => {
    const failure = readHookSecret(env, noFile);
    await expect(failure).rejects.toBeInstanceOf(HookSecretError);
    await expect(failure).rejects.not.toThrow(/short\b.*short/);
  });
});
