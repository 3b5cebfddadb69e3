import { describe, expect, it } from 'vitest';

import { progressLines } from './progress-lines.js';

/** A clock the test moves by hand. */
function steppedClock(): { now: () => number; advance: (ms: number) => void } {
  let ms = 1_000_000;
  return { now: () => ms, advance: (by) => (ms += by) };
}

describe('progressLines', () => {
  it('says nothing in a run shorter than the first interval', () => {
    const clock = steppedClock();
    const lines: string[] = [];
    const report = progressLines((line) => lines.push(line), clock.now);

    for (let done = 0; done <= 100; done += 10) {
      clock.advance(400);
      report({ phase: 'reading', done, total: 100 });
    }
    report({ phase: 'requeuing', done: 0, total: 25 });

    expect(lines).toEqual([]);
  });

  it('reports reading after the first interval, then at most once per interval, then the requeues', () => {
    const clock = steppedClock();
    const lines: string[] = [];
    const report = progressLines((line) => lines.push(line), clock.now, {
      firstAfterMs: 5_000,
      everyMs: 10_000,
    });

    for (let second = 1; second <= 30; second += 1) {
      clock.advance(1_000);
      report({ phase: 'reading', done: second * 100, total: 250 * Math.min(40, second * 4) });
    }
    report({ phase: 'requeuing', done: 0, total: 2_500 });

    expect(lines).toEqual([
      'read the checks of 500 of 5000 pull requests listed so far',
      'read the checks of 1500 of 10000 pull requests listed so far',
      'read the checks of 2500 of 10000 pull requests listed so far',
      'requeuing 2500 expired build checks',
    ]);
  });

  it('says nothing about requeuing on a dry run', () => {
    const clock = steppedClock();
    const lines: string[] = [];
    const report = progressLines((line) => lines.push(line), clock.now, { dryRun: true });

    clock.advance(6_000);
    report({ phase: 'reading', done: 10, total: 20 });
    report({ phase: 'requeuing', done: 0, total: 5 });

    expect(lines).toEqual(['read the checks of 10 of 20 pull requests listed so far']);
  });
});
