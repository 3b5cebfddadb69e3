import { describe, expect, it } from 'vitest';

import { systemClock } from './clock.js';

describe('systemClock.sleep', () => {
  it('rejects with the abort reason when the signal aborts before the delay', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);

    controller.abort(new Error('stop now'));

    await expect(sleeping).rejects.toThrow('stop now');
  });

  it('rejects at once for an already aborted signal', async () => {
    await expect(systemClock.sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('resolves after the delay', async () => {
    const before = systemClock.now();

    await systemClock.sleep(5);

    expect(systemClock.now() - before).toBeGreaterThanOrEqual(4);
  });
});
