import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { aRequest } from '../../../test/http/support/builders.js';
import { systemClock } from '../../util/clock.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { HttpRequest, HttpResponse } from '../types.js';
import { createTimeoutPolicy } from './timeout-policy.js';

/** A `next` that never answers and rejects with `toError(reason)` when its signal aborts. */
function aHangingNext(toError: (reason: unknown) => Error = (reason) => reason as Error) {
  const seen: HttpRequest[] = [];
  const next = (request: HttpRequest): Promise<HttpResponse> =>
    new Promise((_resolve, reject) => {
      seen.push(request);
      request.signal?.addEventListener('abort', () => reject(toError(request.signal?.reason)));
    });
  return { next, seen };
}

describe('createTimeoutPolicy', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts the attempt after timeoutMs of clock time and throws TimeoutError', async () => {
    const { next } = aHangingNext();
    const sending = createTimeoutPolicy({ clock: systemClock, timeoutMs: 1_000 })
      .sendRequest(aRequest(), next)
      .catch((error: unknown) => error);

    await vi.advanceTimersByTimeAsync(999);
    await vi.advanceTimersByTimeAsync(1);

    await expect(sending).resolves.toBeInstanceOf(TimeoutError);
    await expect(sending).resolves.toMatchObject({ timeoutMs: 1_000, mayHaveReachedServer: true });
  });

  it('turns whatever the layer below throws on timeout into TimeoutError', async () => {
    const { next } = aHangingNext(() => new Error('socket closed'));
    const sending = createTimeoutPolicy({ clock: systemClock, timeoutMs: 10 })
      .sendRequest(aRequest(), next)
      .catch((error: unknown) => error);

    await vi.advanceTimersByTimeAsync(10);

    await expect(sending).resolves.toMatchObject({
      name: 'TimeoutError',
      cause: { message: 'socket closed' },
    });
  });

  it("passes the caller's abort through untouched", async () => {
    const { next } = aHangingNext();
    const controller = new AbortController();
    const sending = createTimeoutPolicy({ clock: systemClock }).sendRequest(
      aRequest({ signal: controller.signal }),
      next,
    );

    controller.abort(new Error('SIGINT'));

    await expect(sending).rejects.toThrow('SIGINT');
  });

  it('defaults to 30 s and stops its timer when the attempt ends', async () => {
    const policy = createTimeoutPolicy({ clock: systemClock });
    const response = await policy.sendRequest(aRequest(), (request) =>
      Promise.resolve({ status: 200, headers: {}, bodyText: '', request }),
    );

    expect(response.status).toBe(200);
    expect(vi.getTimerCount()).toBe(0);
  });
});
