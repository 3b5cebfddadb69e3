// The overlapping-runs scenario's arithmetic: medians and worst cases per cell, calls against one run and the floor.
import { describe, expect, it } from 'vitest';
import { overlapTable, summarizeOverlap, type OverlapSample } from './lib/overlap-summary.js';

const sample = (overrides: Partial<OverlapSample>): OverlapSample => ({
  runs: 2,
  spacingMs: 300,
  expected: 250,
  doubles: 0,
  extraRequeues: 0,
  cancelledBuilds: 0,
  left: 0,
  unexpected: 0,
  totalCalls: 2000,
  callsPerRun: [1000, 1000],
  wallMs: 4000,
  overlapped: true,
  startGapsMs: [300],
  reports: [{}, {}],
  ...overrides,
});

describe('summarizeOverlap', () => {
  const cell = summarizeOverlap(
    [
      sample({ doubles: 160, cancelledBuilds: 150, totalCalls: 2500, callsPerRun: [1250, 1250] }),
      sample({ doubles: 170, cancelledBuilds: 170, left: 2, totalCalls: 2400, callsPerRun: [1300, 1100] }),
      sample({
        doubles: 100,
        cancelledBuilds: 90,
        totalCalls: 2600,
        overlapped: false,
        reports: [{ error: 'x' }],
      }),
    ],
    1250,
    1200,
  );

  it('gives the median and the worst of doubles and cancelled builds, and the worst left', () => {
    expect(cell.doubles).toEqual({ median: 160, max: 170 });
    expect(cell.cancelledBuilds).toEqual({ median: 150, max: 170 });
    expect(cell.leftMax).toBe(2);
  });

  it('sets the calls against one run alone and the busiest run against the floor', () => {
    expect(cell.totalCallsMedian).toBe(2500);
    expect(cell.callsVsOneRun).toBe(2);
    // Busiest runs 1250, 1300, 1000 over a floor of 1200: median 1250 / 1200.
    expect(cell.busiestRunVsFloor).toBeCloseTo(1250 / 1200, 10);
  });

  it('counts the samples that overlapped and the runs that failed', () => {
    expect(cell.overlappedSamples).toBe(2);
    expect(cell.failedRuns).toBe(1);
    expect(cell.samples).toBe(3);
  });

  it('has no ratio without a reference, and refuses an empty cell', () => {
    expect(summarizeOverlap([sample({})], undefined, 0).callsVsOneRun).toBeUndefined();
    expect(summarizeOverlap([sample({})], undefined, 0).busiestRunVsFloor).toBeUndefined();
    expect(() => summarizeOverlap([], 1, 1)).toThrow(RangeError);
  });
});

describe('overlapTable', () => {
  it('prints one line per cell with its figures', () => {
    const table = overlapTable([summarizeOverlap([sample({ doubles: 3, cancelledBuilds: 2 })], 1000, 1000)]);

    expect(table.body).toHaveLength(1);
    expect(table.body[0]).toEqual([
      '2',
      '300 ms',
      '1',
      '250',
      '3 / 3',
      '2 / 2',
      '0',
      '2,000',
      '2.00 ×',
      '1.000 ×',
      '4.00 s',
      '1/1',
      '0',
    ]);
  });
});
