// The targets checked against the summaries, and the chart of the 20 ms cells.
import type { Row } from './format-table.js';
import type { ServeMeasurement } from './measure-serve.js';
import type { ColdStart, EmulatorThroughput } from './measure-startup.js';
import { DEFAULT_CONCURRENCY } from './plan-cells.js';
import { renderChart } from './render-chart.js';
import { target, type Target } from './summarize.js';

/** The main comparison: clean scenario, default concurrency, emulator in its own process, the two tools. */
function mainRows(rows: readonly Row[]): Row[] {
  return rows.filter(
    ({ cell }) =>
      (cell.runs['azdo-requeue'] !== undefined || cell.runs.baseline !== undefined) &&
      cell.scenario.kind === 'clean' &&
      cell.concurrency === DEFAULT_CONCURRENCY &&
      cell.placement === 'process',
  );
}

function worst(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

export function checkTargets(
  rows: readonly Row[],
  coldStart: ColdStart,
  throughput: EmulatorThroughput,
): Target[] {
  const headline = mainRows(rows).find(
    ({ cell }) => cell.scenario.pullRequests === 1000 && cell.latencyMs === 20,
  );
  const ours = rows.flatMap(({ summary }) =>
    summary.tools['azdo-requeue'] ? [summary.tools['azdo-requeue']] : [],
  );
  const at10k = rows.filter(({ cell }) => cell.scenario.pullRequests === 10_000);
  const efficiency = headline?.summary.tools['azdo-requeue']?.efficiency;
  const overhead = worst(ours.map((summary) => summary.callOverhead));
  const rss = worst(at10k.map(({ summary }) => summary.tools['azdo-requeue']?.maxRssMb));
  const allCorrect = rows.every(({ summary }) =>
    Object.values(summary.tools).every((tool) => tool.allCorrect),
  );
  return [
    target(
      'speed-up over the baseline, 1,000 PRs × 20 ms, concurrency 8',
      headline?.summary.speedup,
      7,
      '×',
      true,
    ),
    target(
      'efficiency against the bound, 1,000 PRs × 20 ms',
      efficiency === undefined ? undefined : efficiency * 100,
      80,
      '%',
      true,
    ),
    target(
      'API calls above pages + PRs read + requeues (worst cell)',
      overhead === undefined ? undefined : overhead * 100,
      2,
      '%',
      false,
    ),
    target('peak RSS at 10,000 PRs (worst cell median)', rss, 150, 'MB', false),
    target('--version cold start (median)', coldStart.medianMs, 200, 'ms', false),
    target('emulator throughput, one process', throughput.requestsPerSecond, 3000, 'GET/s', true),
    target('runs that requeued exactly the expected checks, each once', allCorrect ? 100 : 0, 100, '%', true),
  ];
}

/** serve's point on the chart: push → last requeue at p50, at the PR count of its organization. */
export interface ServePoint {
  readonly pullRequests: number;
  readonly p50Ms: number;
}

export function servePoint(serve: ServeMeasurement): ServePoint | undefined {
  const p50Ms = serve.summary.pushToLastPatch.p50Ms;
  return p50Ms === undefined ? undefined : { pullRequests: serve.settings.pullRequests, p50Ms };
}

export function buildChart(rows: readonly Row[], serve?: ServePoint): string {
  const at20 = mainRows(rows).filter(({ cell }) => cell.latencyMs === 20);
  const points = (tool: 'azdo-requeue' | 'baseline') =>
    at20.flatMap(({ cell, summary }) => {
      const wallMs = summary.tools[tool]?.wallMs;
      return wallMs === undefined ? [] : [{ x: cell.scenario.pullRequests, y: wallMs / 1000 }];
    });
  const ours = points('azdo-requeue');
  const notes = points('baseline').flatMap((base) => {
    const mine = ours.find((point) => point.x === base.x);
    // Halfway between the two points on the log axis: the geometric mean.
    return mine
      ? [{ x: base.x, y: Math.sqrt(base.y * mine.y), text: `${(base.y / mine.y).toFixed(1)}× faster` }]
      : [];
  });
  // One point, not a line: the serve scenario does not vary the PR count. Its time is a push's (push → last
  // requeue) over the PRs into the pushed branch, a part of the organization's (docs/performance.md says which).
  const serveSeries = serve
    ? [
        {
          name: 'serve, one push (p50)',
          color: '#2e7d32',
          points: [{ x: serve.pullRequests, y: serve.p50Ms / 1000 }],
        },
      ]
    : [];
  return renderChart({
    notes,
    title: 'Re-queue run time against active pull requests',
    subtitle: `emulator with 20 ms per request, ~25 % expired checks; medians; azdo-requeue at concurrency ${DEFAULT_CONCURRENCY}`,
    series: [
      { name: 'baseline (sequential)', color: '#c0392b', points: points('baseline') },
      { name: 'azdo-requeue', color: '#1f6feb', points: ours },
      ...serveSeries,
    ],
  });
}
