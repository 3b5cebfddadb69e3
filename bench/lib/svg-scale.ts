// Scales and ticks for the hand-written SVG chart: data values → pixel coordinates, and where the axis
// labels go. Pure, so bench-math.test.ts can check them.

export type Scale = (value: number) => number;

/** Maps [domainMin, domainMax] onto [rangeStart, rangeEnd] linearly (the range may run backwards, as y does). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) throw new RangeError('an empty domain cannot be scaled');
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** Maps a positive domain logarithmically: equal ratios get equal distances (100 → 1,000 as 1,000 → 10,000). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  if (d0 <= 0 || d1 <= 0) throw new RangeError('a log scale needs a positive domain');
  const linear = linearScale([Math.log10(d0), Math.log10(d1)], range);
  return (value) => linear(Math.log10(value));
}

/** The powers of ten from below `min` to above `max`: the domain of a log axis that holds every value. */
export function logDomain(min: number, max: number): [number, number] {
  if (min <= 0 || max < min) throw new RangeError(`bad log domain ${min}..${max}`);
  return [10 ** Math.floor(Math.log10(min)), 10 ** Math.ceil(Math.log10(max))];
}

/** Tick values of a log axis: 1, 2 and 5 times each power of ten inside the domain. */
export function logTicks(domain: readonly [number, number]): number[] {
  const [d0, d1] = domain;
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(d0)); exponent <= Math.ceil(Math.log10(d1)); exponent++) {
    for (const mantissa of [1, 2, 5]) {
      // Rounded so that 0.1 × 2 prints as 0.2, not 0.20000000000000004.
      const value = Number((mantissa * 10 ** exponent).toPrecision(6));
      if (value >= d0 * (1 - 1e-9) && value <= d1 * (1 + 1e-9)) ticks.push(value);
    }
  }
  return ticks;
}

/** A short human label for an axis value: 10000 → "10,000", 0.5 → "0.5". */
export function formatTick(value: number): string {
  if (value >= 1000) return value.toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}
