// Collects one line per fault-matrix cell and prints them as a table after the run, so the numbers behind the
// assertions (requeues, duplicates, Retry-After violations, time) are visible in the test output.
import type { CellRun } from './run-matrix-cell.js';

export interface MatrixRow {
  readonly cell: string;
  readonly expected: number;
  readonly requeued: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly windows: number;
  readonly inFlight: number;
  readonly violations: number;
  readonly requests: number;
  readonly retries: number;
  readonly seconds: number;
}

export function rowOf(cell: string, run: CellRun, durationMs: number): MatrixRow {
  return {
    cell,
    expected: run.exactlyOnce.expected,
    requeued: run.exactlyOnce.requeues,
    duplicates: run.exactlyOnce.duplicates.length,
    lost: run.exactlyOnce.lost.length,
    windows: run.retryAfter.windows,
    inFlight: run.retryAfter.inFlight,
    violations: run.retryAfter.violations.length,
    requests: run.stats.requests,
    retries: run.stats.retries,
    seconds: Math.round(durationMs / 100) / 10,
  };
}

export function printMatrix(title: string, rows: readonly MatrixRow[]): void {
  if (rows.length === 0) return;
  const header = Object.keys(rows[0] ?? {});
  const lines = rows.map((row) => header.map((key) => String(row[key as keyof MatrixRow])));
  const widths = header.map((key, index) =>
    Math.max(key.length, ...lines.map((line) => (line[index] ?? '').length)),
  );
  const format = (cells: readonly string[]): string =>
    cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
  console.log([title, format(header), ...lines.map(format)].join('\n'));
}
