// The pure parts of the benchmark: the arithmetic behind every reported figure, and the chart's scales.
import { describe, expect, it } from 'vitest';
import {
  callOverhead,
  efficiency,
  latencyBoundMs,
  median,
  minimalCalls,
  pagesFor,
  speedup,
} from './lib/bench-math.js';
import { renderChart } from './lib/render-chart.js';
import { formatTick, linearScale, logDomain, logScale, logTicks } from './lib/svg-scale.js';

describe('median', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1000], 10],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('is undefined without samples', () => {
    expect(median([])).toBeUndefined();
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];

    median(values);

    expect(values).toEqual([3, 1, 2]);
  });
});

describe('latencyBoundMs', () => {
  it('is requests × latency / concurrency', () => {
    expect(latencyBoundMs({ requests: 1236, latencyMs: 20, concurrency: 8 })).toBe(3090);
  });

  it('is the plain sum of latencies for a sequential client', () => {
    expect(latencyBoundMs({ requests: 1235, latencyMs: 20, concurrency: 1 })).toBe(24_700);
  });

  it('refuses a concurrency below 1', () => {
    expect(() => latencyBoundMs({ requests: 1, latencyMs: 20, concurrency: 0 })).toThrow(RangeError);
  });
});

describe('efficiency', () => {
  it('is bound / wall time', () => {
    expect(efficiency(3000, 3750)).toBeCloseTo(0.8);
  });

  it('is undefined when there is no latency to be bound by', () => {
    expect(efficiency(0, 1200)).toBeUndefined();
  });
});

describe('speedup', () => {
  it('is baseline / ours', () => {
    expect(speedup(28_000, 3_500)).toBe(8);
  });

  it('is undefined when either side was not measured', () => {
    expect(speedup(undefined, 3_500)).toBeUndefined();
    expect(speedup(28_000, undefined)).toBeUndefined();
  });
});

describe('call accounting', () => {
  it('pages until the first short page, so an exact multiple costs one empty page', () => {
    expect(pagesFor(100, 1000)).toBe(1);
    expect(pagesFor(1000, 1000)).toBe(2);
    expect(pagesFor(10_000, 1000)).toBe(11);
  });

  it('counts one call per page, per PR read and per requeue as the floor', () => {
    expect(minimalCalls({ pages: 2, pullRequestsRead: 1000, requeues: 233 })).toBe(1235);
  });

  it('reports calls above the floor as a fraction', () => {
    expect(callOverhead(1236, 1235)).toBeCloseTo(1 / 1235);
    expect(callOverhead(1235, 1235)).toBe(0);
  });
});

describe('chart scales', () => {
  it('maps a linear domain onto a reversed range, as the y axis needs', () => {
    const y = linearScale([0, 10], [400, 0]);

    expect([y(0), y(5), y(10)]).toEqual([400, 200, 0]);
  });

  it('gives equal distances to equal ratios on a log scale', () => {
    const x = logScale([100, 10_000], [0, 200]);

    expect([x(100), x(1000), x(10_000)]).toEqual([0, 100, 200]);
  });

  it('widens a log domain to whole decades', () => {
    expect(logDomain(0.35, 290)).toEqual([0.1, 1000]);
    expect(logDomain(100, 10_000)).toEqual([100, 10_000]);
  });

  it('puts log ticks at 1, 2 and 5 times each power of ten', () => {
    expect(logTicks([0.1, 10])).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });

  it('formats ticks for people', () => {
    expect([formatTick(10_000), formatTick(0.2), formatTick(5)]).toEqual(['10,000', '0.2', '5']);
  });
});

describe('renderChart', () => {
  const spec = {
    title: 'Run <time>',
    subtitle: 'medians',
    series: [
      {
        name: 'a & b',
        color: '#123456',
        points: [
          { x: 100, y: 0.5 },
          { x: 1000, y: 3 },
        ],
      },
    ],
  };

  it('writes a self-contained SVG with escaped text and a labelled point per value', () => {
    const svg = renderChart(spec);

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Run &lt;time&gt;');
    expect(svg).toContain('a &amp; b');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('3.00 s');
    expect(svg).not.toMatch(/href=|<image|@import/);
  });

  it('refuses to draw nothing', () => {
    expect(() => renderChart({ ...spec, series: [] })).toThrow(RangeError);
  });
});
