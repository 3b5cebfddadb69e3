// Keeps the figures in docs/performance.md equal to bench/results.json: a full run rewrites the section
// between the two markers below and leaves the rest of the page, which people write, alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderMarkdown, resultsTable, targetsTable, timelineTable, type Row } from './format-table.js';
import type { MachineDescription } from './describe-machine.js';
import type { ColdStart, EmulatorThroughput } from './measure-startup.js';
import type { Target } from './summarize.js';

export const SECTION_START = '<!-- bench:results:start (written by npm run bench; do not edit by hand) -->';
export const SECTION_END = '<!-- bench:results:end -->';

export interface ResultsForDocs {
  readonly generatedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineDescription & { readonly loadAverageAtEnd: readonly number[] };
  readonly rows: readonly Row[];
  readonly targets: readonly Target[];
  readonly coldStart: ColdStart;
  readonly emulatorThroughput: EmulatorThroughput;
}

export function formatResultsSection(results: ResultsForDocs): string {
  const { machine, coldStart, emulatorThroughput: throughput } = results;
  const coreShare =
    throughput.emulatorCoreShare === undefined
      ? ''
      : ` using ${(throughput.emulatorCoreShare * 100).toFixed(0)} % of one core`;
  return [
    `Measured ${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC in ${Math.round(results.durationSeconds / 60)} minutes ` +
      `on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}, commit ${machine.commit}; ` +
      `load average ${machine.loadAverage.join(' / ')} at the start and ${machine.loadAverageAtEnd.join(' / ')} at the end ` +
      '(every sample in `bench/results.json` carries its own).',
    '',
    renderMarkdown(resultsTable(results.rows)),
    '',
    '**Where the time went** (medians; *requests* is the first arrival to the last answer at the emulator, ' +
      '*server ms/request* how long the emulator held each request, *in flight* the mean number of requests it held):',
    '',
    renderMarkdown(timelineTable(results.rows)),
    '',
    `**Cold start** of \`azdo-requeue --version\`: median ${coldStart.medianMs.toFixed(0)} ms over ${coldStart.runs} runs ` +
      `(\`node -e ""\` alone: ${coldStart.nodeFloorMedianMs.toFixed(0)} ms).`,
    '',
    `**Emulator throughput**: ${throughput.requestsPerSecond.toFixed(0)} GETs per second (\`${throughput.path.replace(/\/[0-9a-f-]{36}\//, '/{project}/')}\`) ` +
      `from one emulator process${coreShare}, loaded by ${throughput.connections} keep-alive connections from another process.`,
    '',
    renderMarkdown(targetsTable(results.targets)),
  ].join('\n');
}

/** Replaces the generated section; returns false (and writes nothing) when the page has no markers. */
export function writeDocsSection(path: string, results: ResultsForDocs): boolean {
  const page = readFileSync(path, 'utf8');
  const start = page.indexOf(SECTION_START);
  const end = page.indexOf(SECTION_END);
  if (start < 0 || end < start) return false;
  const section = `${SECTION_START}\n\n${formatResultsSection(results)}\n\n`;
  writeFileSync(path, page.slice(0, start) + section + page.slice(end));
  return true;
}
