// Keeps an Entra access token fresh during long runs: re-acquired about 5 minutes before `expiresOnTimestamp`
// (or at the credential's own `refreshAfterTimestamp`), one request at a time, and each new token announced
// before it is used so it is masked before any output could carry it (checklist B1, D2).
import type { Clock } from '../util/clock.js';
import { CredentialError } from './classify-token.js';

/** The parts of @azure/identity's AccessToken we rely on. */
export interface AccessTokenLike {
  readonly token: string;
  readonly expiresOnTimestamp: number;
  readonly refreshAfterTimestamp?: number | undefined;
}

/** The parts of @azure/core-auth's TokenCredential we rely on; fakes implement just this. */
export interface TokenCredentialLike {
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal },
  ): Promise<AccessTokenLike | null>;
}

export interface RefreshingTokenOptions {
  readonly credential: TokenCredentialLike;
  readonly scope: string;
  readonly clock: Pick<Clock, 'now'>;
  /** Called with each new token before it is returned. */
  readonly onToken: (token: string) => void;
  /** Turns a failure of the credential into a safe message (no secret, no raw server body). */
  readonly describeFailure: (error: unknown) => string;
  /** @default 300_000 (5 minutes, as AzureCLI@2 and MSAL do) */
  readonly refreshMarginMs?: number;
}

export interface RefreshingToken {
  get(): Promise<string>;
  expiresAt(): number | undefined;
  /** Drops the cached token: the next `get()` asks the credential again. */
  invalidate(): void;
}

export function createRefreshingToken(options: RefreshingTokenOptions): RefreshingToken {
  const marginMs = options.refreshMarginMs ?? 300_000;
  let current: AccessTokenLike | undefined;
  let pending: Promise<AccessTokenLike> | undefined;

  const isFresh = (token: AccessTokenLike, now: number): boolean =>
    now < (token.refreshAfterTimestamp ?? token.expiresOnTimestamp - marginMs);

  async function acquire(): Promise<AccessTokenLike> {
    let token: AccessTokenLike | null;
    try {
      token = await options.credential.getToken(options.scope);
    } catch (error) {
      throw new CredentialError(options.describeFailure(error));
    }
    if (token === null || token.token.trim() === '' || /\s/.test(token.token.trim())) {
      throw new CredentialError('Microsoft Entra ID returned no usable access token');
    }
    const accepted = { ...token, token: token.token.trim() };
    options.onToken(accepted.token);
    return accepted;
  }

  return {
    async get() {
      const now = options.clock.now();
      if (current !== undefined && isFresh(current, now)) return current.token;
      pending ??= acquire().finally(() => (pending = undefined));
      try {
        current = await pending;
      } catch (error) {
        // A failed early refresh is not fatal while the old token is still valid.
        if (current !== undefined && now < current.expiresOnTimestamp) return current.token;
        throw error;
      }
      return current.token;
    },
    expiresAt: () => current?.expiresOnTimestamp,
    invalidate: () => {
      current = undefined;
    },
  };
}
