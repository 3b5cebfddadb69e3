// What the benchmark runs: the cells (PR count × latency × settings) and how many times each tool runs in
// each, for the full run and for BENCH_QUICK=1. Repetitions are chosen to keep `npm run bench` under about
// 15 minutes on a 2-core machine: the sequential baseline at 10,000 PRs × 20 ms alone takes minutes per run.

/**
 * The product CLI, the baseline, and (BENCH_WHAT_IF=1 only) the same job through the library API with the
 * default fetch transport or a node:http one (bench/what-if-transport.mjs): evidence for a change, not product.
 */
export type ToolName = 'azdo-requeue' | 'baseline' | 'lib-fetch' | 'lib-node-http';

export const TOOL_NAMES: readonly ToolName[] = ['azdo-requeue', 'baseline', 'lib-fetch', 'lib-node-http'];

export type ScenarioKind = 'clean' | 'drafts-and-conflicts';

export interface ScenarioSpec {
  readonly pullRequests: number;
  readonly kind: ScenarioKind;
}

export interface CellPlan {
  readonly id: string;
  readonly scenario: ScenarioSpec;
  readonly latencyMs: number;
  /** azdo-requeue's --concurrency (the baseline is always sequential). */
  readonly concurrency: number;
  readonly placement: 'process' | 'in-process';
  /** Runs per tool; a tool not named does not run in the cell. */
  readonly runs: Readonly<Partial<Record<ToolName, number>>>;
  /** Why the cell exists, printed in the table and docs. */
  readonly purpose: string;
}

/** Fixed so every run of every tool sees the same organization and the same expired checks. */
export const SEED = 7;
export const EXPIRED_FRACTION = 0.25;
export const DEFAULT_CONCURRENCY = 8;

function cell(
  pullRequests: number,
  latencyMs: number,
  runs: Partial<Record<ToolName, number>>,
  extra: Partial<Omit<CellPlan, 'id' | 'runs'>> & { purpose: string },
): CellPlan {
  const scenario = extra.scenario ?? { pullRequests, kind: 'clean' };
  const concurrency = extra.concurrency ?? DEFAULT_CONCURRENCY;
  const placement = extra.placement ?? 'process';
  const suffix = [
    scenario.kind === 'clean' ? '' : `-${scenario.kind}`,
    concurrency === DEFAULT_CONCURRENCY ? '' : `-c${concurrency}`,
    placement === 'process' ? '' : `-${placement}`,
    runs['azdo-requeue'] === undefined && runs.baseline === undefined ? '-what-if' : '',
  ].join('');
  return {
    id: `${pullRequests}x${latencyMs}ms${suffix}`,
    scenario,
    latencyMs,
    concurrency,
    placement,
    runs,
    purpose: extra.purpose,
  };
}

const MAIN = 'main comparison';
const WHAT_IF = 'what-if: the library API, fetch and 1,000 PRs a page against node:http';

/** Extra cells for BENCH_WHAT_IF=1: the transport and page size before cbfb465 against the current ones. */
export function planWhatIfCells(): CellPlan[] {
  const both = { 'lib-fetch': 3, 'lib-node-http': 3 };
  return [
    cell(1000, 20, both, { purpose: WHAT_IF }),
    cell(10000, 0, both, { purpose: WHAT_IF }),
    cell(10000, 20, { 'lib-fetch': 1, 'lib-node-http': 1 }, { purpose: WHAT_IF }),
  ];
}

export function planCells(quick: boolean): CellPlan[] {
  if (quick) {
    return [
      cell(100, 0, { 'azdo-requeue': 3, baseline: 3 }, { purpose: MAIN }),
      cell(100, 20, { 'azdo-requeue': 3, baseline: 3 }, { purpose: MAIN }),
      cell(1000, 20, { 'azdo-requeue': 3, baseline: 1 }, { purpose: MAIN }),
    ];
  }
  const drafts: ScenarioSpec = { pullRequests: 1000, kind: 'drafts-and-conflicts' };
  return [
    cell(100, 0, { 'azdo-requeue': 5, baseline: 5 }, { purpose: MAIN }),
    cell(100, 20, { 'azdo-requeue': 5, baseline: 5 }, { purpose: MAIN }),
    cell(1000, 0, { 'azdo-requeue': 5, baseline: 5 }, { purpose: MAIN }),
    cell(1000, 20, { 'azdo-requeue': 5, baseline: 3 }, { purpose: `${MAIN} (the 7× and 80 % targets)` }),
    cell(1000, 20, { 'azdo-requeue': 3 }, { concurrency: 4, purpose: 'concurrency sweep' }),
    cell(1000, 20, { 'azdo-requeue': 3 }, { concurrency: 16, purpose: 'concurrency sweep' }),
    cell(1000, 20, { 'azdo-requeue': 3 }, { concurrency: 32, purpose: 'concurrency sweep' }),
    cell(
      1000,
      20,
      { 'azdo-requeue': 3, baseline: 0 },
      { scenario: drafts, purpose: 'drafts and conflicts are not read' },
    ),
    cell(
      1000,
      20,
      { 'azdo-requeue': 3, baseline: 0 },
      { placement: 'in-process', purpose: 'emulator in the runner process' },
    ),
    cell(10000, 0, { 'azdo-requeue': 3, baseline: 3 }, { purpose: `${MAIN} (the 150 MB target)` }),
    cell(
      10000,
      20,
      { 'azdo-requeue': 3, baseline: 1 },
      { purpose: `${MAIN}; the baseline once: it takes minutes` },
    ),
  ];
}

/** The scenario file's content: the emulator's own seeded generator (docs/emulator.md, `generate`). */
export function scenarioJson(spec: ScenarioSpec): string {
  const extra = spec.kind === 'drafts-and-conflicts' ? { draftFraction: 0.1, conflictFraction: 0.05 } : {};
  const generate = {
    pullRequests: spec.pullRequests,
    expiredFraction: EXPIRED_FRACTION,
    seed: SEED,
    ...extra,
  };
  return `${JSON.stringify({ seed: SEED, generate })}\n`;
}
