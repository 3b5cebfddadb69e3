import { describe, expect, it } from 'vitest';

import { createRefreshingToken, type AccessTokenLike, type TokenCredentialLike } from './refreshing-token.js';

const MINUTE = 60_000;

/** A fake credential that hands out numbered tokens valid for `lifetimeMs` from the fake clock's now. */
function fakeCredential(clock: { now: number }, lifetimeMs = 60 * MINUTE) {
  let issued = 0;
  let failNext = false;
  const credential: TokenCredentialLike = {
    async getToken() {
      await Promise.resolve();
      if (failNext) {
        failNext = false;
        throw new Error('AADSTS700024: Client assertion is not within its valid time range.');
      }
      issued += 1;
      const token: AccessTokenLike = {
        token: `token-number-${issued}`,
        expiresOnTimestamp: clock.now + lifetimeMs,
      };
      return token;
    },
  };
  return {
    credential,
    issued: () => issued,
    failNextCall: () => {
      failNext = true;
    },
  };
}

function setup(lifetimeMs?: number) {
  const clock = { now: 0 };
  const fake = fakeCredential(clock, lifetimeMs);
  const announced: string[] = [];
  const token = createRefreshingToken({
    credential: fake.credential,
    scope: 'scope/.default',
    clock: { now: () => clock.now },
    onToken: (value) => announced.push(value),
    describeFailure: (error) => `no token: ${(error as Error).message.split(':')[0] ?? ''}`,
  });
  return { clock, fake, announced, token };
}

describe('createRefreshingToken (checklist D2)', () => {
  it('reuses a token until 5 minutes before it expires, then gets a new one', async () => {
    const { clock, fake, token } = setup();

    expect(await token.get()).toBe('token-number-1');
    clock.now = 54 * MINUTE;
    expect(await token.get()).toBe('token-number-1');
    clock.now = 55 * MINUTE;
    expect(await token.get()).toBe('token-number-2');
    expect(fake.issued()).toBe(2);
    expect(token.expiresAt()).toBe(115 * MINUTE);
  });

  it('announces each new token before returning it (masked before first use, checklist B1)', async () => {
    const { clock, announced, token } = setup();

    const first = await token.get();
    expect(announced).toEqual([first]);
    clock.now = 56 * MINUTE;
    const second = await token.get();
    expect(announced).toEqual([first, second]);
  });

  it('asks the credential once for concurrent callers', async () => {
    const { fake, token } = setup();

    const tokens = await Promise.all([token.get(), token.get(), token.get()]);

    expect(new Set(tokens)).toEqual(new Set(['token-number-1']));
    expect(fake.issued()).toBe(1);
  });

  it('keeps using the old token when an early refresh fails, and fails once it has expired', async () => {
    const { clock, fake, token } = setup();
    await token.get();

    clock.now = 57 * MINUTE;
    fake.failNextCall();
    expect(await token.get()).toBe('token-number-1');

    clock.now = 61 * MINUTE;
    fake.failNextCall();
    await expect(token.get()).rejects.toThrow('no token: AADSTS700024');
  });

  it('honours refreshAfterTimestamp from the credential', async () => {
    const clock = { now: 0 };
    const token = createRefreshingToken({
      credential: {
        getToken: () =>
          Promise.resolve({
            token: `t-${clock.now}`,
            expiresOnTimestamp: 600 * MINUTE,
            refreshAfterTimestamp: 10 * MINUTE,
          }),
      },
      scope: 's',
      clock: { now: () => clock.now },
      onToken: () => undefined,
      describeFailure: String,
    });

    expect(await token.get()).toBe('t-0');
    clock.now = 10 * MINUTE;
    expect(await token.get()).toBe(`t-${10 * MINUTE}`);
  });

  it('gets a fresh token after invalidate (the one retry after a 401)', async () => {
    const { fake, token } = setup();
    await token.get();

    token.invalidate();

    expect(await token.get()).toBe('token-number-2');
    expect(fake.issued()).toBe(2);
  });

  it.each([[null], [{ token: '', expiresOnTimestamp: 1 }], [{ token: 'two words', expiresOnTimestamp: 1 }]])(
    'refuses an unusable answer %j',
    async (answer) => {
      const token = createRefreshingToken({
        credential: { getToken: () => Promise.resolve(answer) },
        scope: 's',
        clock: { now: () => 0 },
        onToken: () => undefined,
        describeFailure: String,
      });

      await expect(token.get()).rejects.toThrow(/no usable access token/);
    },
  );
});
