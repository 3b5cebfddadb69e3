// The benchmark's tables as data (headers + rows of text), rendered for the terminal or as Markdown for
// docs/performance.md; both renderings read the same rows, so they cannot disagree.
import { TOOL_NAMES, type CellPlan, type ToolName } from './plan-cells.js';
import type { CellSummary, Target, ToolSummary } from './summarize.js';

export interface Row {
  readonly cell: CellPlan;
  readonly summary: CellSummary;
}

export interface Table {
  readonly headers: readonly string[];
  readonly body: readonly (readonly string[])[];
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function percent(value: number | undefined, signed = false): string {
  if (value === undefined) return '–';
  const text = `${(value * 100).toFixed(1)} %`;
  return signed && value >= 0 ? `+${text}` : text;
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

/** One line per tool per cell, in plan order. */
function eachTool<T>(rows: readonly Row[], line: (row: Row, tool: ToolName, figures: ToolSummary) => T): T[] {
  return rows.flatMap((row) =>
    TOOL_NAMES.flatMap((tool) => {
      const figures = row.summary.tools[tool];
      return figures ? [line(row, tool, figures)] : [];
    }),
  );
}

export function resultsTable(rows: readonly Row[]): Table {
  const headers = [
    'PRs',
    'latency',
    'conc.',
    'tool',
    'runs',
    'wall (median)',
    'API calls',
    'vs floor',
    'peak RSS',
  ];
  return {
    headers: [...headers, 'bound', 'efficiency', 'speed-up', 'correct', 'note'],
    body: eachTool(rows, ({ cell, summary }, tool, figures) => [
      cell.scenario.pullRequests.toLocaleString('en-US'),
      `${cell.latencyMs} ms`,
      tool === 'baseline' ? '1' : String(cell.concurrency),
      tool,
      String(figures.runs),
      seconds(figures.wallMs),
      figures.calls === undefined ? '–' : figures.calls.toLocaleString('en-US'),
      percent(figures.callOverhead, true),
      figures.maxRssMb === undefined ? '–' : `${figures.maxRssMb.toFixed(0)} MB`,
      cell.latencyMs === 0 ? '–' : seconds(figures.boundMs),
      percent(figures.efficiency),
      tool === 'azdo-requeue' && summary.speedup !== undefined ? `${summary.speedup.toFixed(1)}×` : '',
      figures.allCorrect ? (summary.sameSet === false ? 'yes (sets differ)' : 'yes') : 'NO',
      cell.purpose,
    ]),
  };
}

/** Where each median run's time went, from the emulator's log: start-up, the request span, the tail. */
export function timelineTable(rows: readonly Row[]): Table {
  return {
    headers: [
      'cell',
      'tool',
      'wall',
      'start-up',
      'requests',
      'after last answer',
      'bound',
      'server ms/request',
      'in flight',
      'CPU',
    ],
    body: eachTool(rows, ({ cell }, tool, figures) => {
      const { wallMs, startupMs, tailMs } = figures;
      const span =
        wallMs === undefined || startupMs === undefined || tailMs === undefined
          ? undefined
          : wallMs - startupMs - tailMs;
      return [
        cell.id,
        tool,
        seconds(wallMs),
        seconds(startupMs),
        seconds(span),
        seconds(tailMs),
        cell.latencyMs === 0 ? '–' : seconds(figures.boundMs),
        fixed(figures.meanRequestMs, 1),
        fixed(figures.meanInFlight, 1),
        seconds(figures.cpuMs),
      ];
    }),
  };
}

export function targetsTable(targets: readonly Target[]): Table {
  return {
    headers: ['target', 'measured', 'limit', 'met'],
    body: targets.map((t) => [
      t.name,
      t.measured === undefined ? 'not measured' : `${Number(t.measured.toFixed(2))} ${t.unit}`,
      `${t.limit} ${t.unit}`,
      t.met ? 'yes' : 'NO',
    ]),
  };
}

export function renderText(table: Table): string {
  const widths = table.headers.map((header, i) =>
    Math.max(header.length, ...table.body.map((line) => (line[i] ?? '').length)),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    render(table.headers),
    render(widths.map((width) => '-'.repeat(width))),
    ...table.body.map(render),
  ].join('\n');
}

export function renderMarkdown(table: Table): string {
  const line = (values: readonly string[]): string => `| ${values.join(' | ')} |`;
  return [line(table.headers), line(table.headers.map(() => '---')), ...table.body.map(line)].join('\n');
}
