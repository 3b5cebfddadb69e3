// Writes the benchmark chart as a self-contained SVG by hand (no chart library, no external assets):
// wall time against PR count, both axes logarithmic, one line per tool, each point labelled.
import { formatTick, logDomain, logScale, logTicks } from './svg-scale.js';

// Text drawn over lines gets a white outline so it stays readable.
const HALO = 'stroke="#fff" stroke-width="4" paint-order="stroke"';

export interface ChartPoint {
  /** Pull requests in the scenario. */
  readonly x: number;
  /** Median wall time, in seconds. */
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly ChartPoint[];
}

/** A free text at a data position, e.g. the speed-up between two series. */
export interface ChartNote {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface ChartSpec {
  readonly title: string;
  readonly subtitle: string;
  readonly series: readonly ChartSeries[];
  readonly notes?: readonly ChartNote[];
}

const WIDTH = 760;
const HEIGHT = 470;
const PLOT = { left: 80, right: 560, top: 70, bottom: 400 } as const;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatSeconds(seconds: number): string {
  if (seconds >= 100) return `${Math.round(seconds)} s`;
  if (seconds >= 10) return `${seconds.toFixed(1)} s`;
  return `${seconds.toFixed(2)} s`;
}

/** Renders the chart; throws if there is nothing to plot. */
export function renderChart(spec: ChartSpec): string {
  const points = spec.series.flatMap((series) => series.points);
  if (points.length === 0) throw new RangeError('no points to plot');
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  // Half a decade of room on each side, so the end points' labels stay clear of the axes.
  const xDomain: [number, number] = [Math.min(...xs) / 2, Math.max(...xs) * 2];
  const yDomain = logDomain(Math.min(...ys), Math.max(...ys));
  const x = logScale(xDomain, [PLOT.left, PLOT.right]);
  const y = logScale(yDomain, [PLOT.bottom, PLOT.top]);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(spec.title)}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="18" font-weight="600" ${FONT} fill="#111">${escapeXml(spec.title)}</text>`,
    `<text x="${WIDTH / 2}" y="50" text-anchor="middle" font-size="13" ${FONT} fill="#555">${escapeXml(spec.subtitle)}</text>`,
  );
  // Y grid: every 1-2-5 value as a faint line, powers of ten labelled, so a decade reads at a glance.
  for (const tick of logTicks(yDomain)) {
    const isDecade = Number.isInteger(Math.log10(tick));
    const py = y(tick).toFixed(1);
    out.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${py}" y2="${py}" stroke="${isDecade ? '#ccc' : '#eee'}"/>`,
      `<text x="${PLOT.left - 8}" y="${py}" dy="4" text-anchor="end" font-size="12" ${FONT} fill="#333">${formatTick(tick)} s</text>`,
    );
  }
  // X ticks at the PR counts actually measured.
  for (const tick of [...new Set(xs)].sort((a, b) => a - b)) {
    const px = x(tick).toFixed(1);
    out.push(
      `<line x1="${px}" x2="${px}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#eee"/>`,
      `<text x="${px}" y="${PLOT.bottom + 20}" text-anchor="middle" font-size="12" ${FONT} fill="#333">${formatTick(tick)}</text>`,
    );
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#888"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 45}" text-anchor="middle" font-size="13" ${FONT} fill="#111">active pull requests (log scale)</text>`,
    `<text transform="translate(20 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="13" ${FONT} fill="#111">wall time, median (log scale)</text>`,
  );
  spec.series.forEach((series, index) => {
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    const path = sorted.map((point) => `${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2.5"/>`);
    for (const point of sorted) {
      const px = x(point.x).toFixed(1);
      const py = y(point.y);
      out.push(
        `<circle cx="${px}" cy="${py.toFixed(1)}" r="4.5" fill="${series.color}"/>`,
        `<text x="${px}" y="${(py - 10).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="600" ${FONT} ${HALO} fill="${series.color}">${formatSeconds(point.y)}</text>`,
      );
    }
    const legendY = PLOT.top + 20 + index * 26;
    out.push(
      `<line x1="${PLOT.right + 20}" x2="${PLOT.right + 48}" y1="${legendY}" y2="${legendY}" stroke="${series.color}" stroke-width="3"/>`,
      `<text x="${PLOT.right + 56}" y="${legendY}" dy="4" font-size="13" ${FONT} fill="#111">${escapeXml(series.name)}</text>`,
    );
  });
  const lastX = Math.max(...xs);
  for (const note of spec.notes ?? []) {
    // Right of its x line, except at the last x, where the text would run past the frame.
    const atEnd = note.x >= lastX;
    const px = x(note.x) + (atEnd ? -8 : 8);
    out.push(
      `<text x="${px.toFixed(1)}" y="${y(note.y).toFixed(1)}" dy="4" text-anchor="${atEnd ? 'end' : 'start'}" font-size="12" font-style="italic" ${FONT} ${HALO} fill="#333">${escapeXml(note.text)}</text>`,
    );
  }
  out.push('</svg>', '');
  return out.join('\n');
}
