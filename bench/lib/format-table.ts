// Formats the summaries as a plain-text table for the terminal and as a Markdown table for
// docs/performance.md; both read the same rows so they cannot disagree.
import type { CellPlan, ToolName } from './plan-cells.js';
import type { CellSummary, Target } from './summarize.js';

export interface Row {
  readonly cell: CellPlan;
  readonly summary: CellSummary;
}

const HEADERS = [
  'PRs',
  'latency',
  'conc.',
  'tool',
  'runs',
  'wall (median)',
  'API calls',
  'vs floor',
  'peak RSS',
  'bound',
  'efficiency',
  'in flight',
  'speed-up',
  'correct',
  'note',
];

function seconds(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function percent(value: number | undefined, signed = false): string {
  if (value === undefined) return '–';
  const text = `${(value * 100).toFixed(1)} %`;
  return signed && value >= 0 ? `+${text}` : text;
}

function cells(row: Row, tool: ToolName): string[] | undefined {
  const summary = row.summary.tools[tool];
  if (!summary) return undefined;
  const { cell } = row;
  return [
    cell.scenario.pullRequests.toLocaleString('en-US'),
    `${cell.latencyMs} ms`,
    tool === 'baseline' ? '1' : String(cell.concurrency),
    tool,
    String(summary.runs),
    seconds(summary.wallMs),
    summary.calls === undefined ? '–' : summary.calls.toLocaleString('en-US'),
    percent(summary.callOverhead, true),
    summary.maxRssMb === undefined ? '–' : `${summary.maxRssMb.toFixed(0)} MB`,
    cell.latencyMs === 0 ? '–' : seconds(summary.boundMs),
    percent(summary.efficiency),
    summary.meanInFlight === undefined ? '–' : summary.meanInFlight.toFixed(1),
    tool === 'azdo-requeue' && row.summary.speedup !== undefined ? `${row.summary.speedup.toFixed(1)}×` : '',
    summary.allCorrect ? (row.summary.sameSet === false ? 'sets differ' : 'yes') : 'NO',
    cell.purpose,
  ];
}

function tableRows(rows: readonly Row[]): string[][] {
  return rows.flatMap((row) =>
    (['azdo-requeue', 'baseline'] as const).flatMap((tool) => {
      const line = cells(row, tool);
      return line ? [line] : [];
    }),
  );
}

export function formatTextTable(rows: readonly Row[]): string {
  const body = tableRows(rows);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...body.map((line) => (line[i] ?? '').length)),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(HEADERS), render(widths.map((width) => '-'.repeat(width))), ...body.map(render)].join('\n');
}

export function formatMarkdownTable(rows: readonly Row[]): string {
  const line = (values: readonly string[]): string => `| ${values.join(' | ')} |`;
  return [line(HEADERS), line(HEADERS.map(() => '---')), ...tableRows(rows).map(line)].join('\n');
}

export function formatTargets(targets: readonly Target[]): string {
  return targets
    .map((t) => {
      const value = t.measured === undefined ? 'not measured' : `${Number(t.measured.toFixed(2))} ${t.unit}`;
      return `${t.met ? 'MET    ' : 'MISSED '} ${t.name}: ${value} (limit ${t.limit} ${t.unit})`;
    })
    .join('\n');
}

const TIMELINE_HEADERS = [
  'cell',
  'tool',
  'wall',
  'start-up',
  'requests',
  'after last answer',
  'bound',
  'in flight',
  'CPU',
];

/** Where each median run's time went, from the emulator's log: start-up, the request span, the tail. */
export function formatTimelineTable(rows: readonly Row[]): string {
  const body = rows.flatMap(({ cell, summary }) =>
    (['azdo-requeue', 'baseline'] as const).flatMap((tool) => {
      const figures = summary.tools[tool];
      if (!figures) return [];
      const span =
        figures.wallMs === undefined || figures.startupMs === undefined || figures.tailMs === undefined
          ? undefined
          : figures.wallMs - figures.startupMs - figures.tailMs;
      return [
        [
          cell.id,
          tool,
          seconds(figures.wallMs),
          seconds(figures.startupMs),
          seconds(span),
          seconds(figures.tailMs),
          cell.latencyMs === 0 ? '–' : seconds(figures.boundMs),
          figures.meanRequestMs === undefined ? '–' : figures.meanRequestMs.toFixed(1),
          figures.meanInFlight === undefined ? '–' : figures.meanInFlight.toFixed(1),
          seconds(figures.cpuMs),
        ],
      ];
    }),
  );
  const widths = TIMELINE_HEADERS.map((header, i) =>
    Math.max(header.length, ...body.map((line) => (line[i] ?? '').length)),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    render(TIMELINE_HEADERS),
    render(widths.map((width) => '-'.repeat(width))),
    ...body.map(render),
  ].join('\n');
}
