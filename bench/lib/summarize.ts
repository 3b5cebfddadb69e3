// Turns the samples of each cell into the reported figures (medians, bound, efficiency, call overhead,
// speed-up) and checks the targets against them.
import { callOverhead, efficiency, latencyBoundMs, median, minimalCalls, speedup } from './bench-math.js';
import type { ExpectedWork } from './expected-work.js';
import { TOOL_NAMES, type CellPlan, type ToolName } from './plan-cells.js';
import type { Sample } from './run-tool.js';

export interface ToolSummary {
  readonly runs: number;
  readonly wallMs: number | undefined;
  readonly calls: number | undefined;
  /** The floor for this tool: pages + PRs it must read + requeues (+ nothing for discovery). */
  readonly minimalCalls: number;
  readonly callOverhead: number | undefined;
  readonly maxRssMb: number | undefined;
  /** requests × latency / concurrency with the median call count; 0 at 0 ms latency. */
  readonly boundMs: number | undefined;
  readonly efficiency: number | undefined;
  readonly meanInFlight: number | undefined;
  /** Mean time the emulator held a request (injected latency + its own work and timer slack), in ms. */
  readonly meanRequestMs: number | undefined;
  readonly startupMs: number | undefined;
  readonly tailMs: number | undefined;
  /** CPU time of the measured process (median), in ms. */
  readonly cpuMs: number | undefined;
  /** Every run requeued exactly the expected checks, each once, and exited 0. */
  readonly allCorrect: boolean;
  readonly fingerprints: readonly string[];
}

export interface CellSummary {
  readonly tools: Partial<Record<ToolName, ToolSummary>>;
  /** baseline median / azdo-requeue median. */
  readonly speedup: number | undefined;
  /** Both tools requeued the same set (equal fingerprints) in every run. */
  readonly sameSet: boolean | undefined;
}

function med(values: readonly (number | undefined)[]): number | undefined {
  return median(values.filter((value): value is number => value !== undefined));
}

function summarizeTool(
  tool: ToolName,
  cell: CellPlan,
  samples: readonly Sample[],
  expected: ExpectedWork,
): ToolSummary {
  const wallMs = med(samples.map((sample) => sample.wallMs));
  const calls = med(samples.map((sample) => sample.check.calls.total));
  // Pages are counted at the service's largest page (1,000 PRs), the true floor, whatever page size a tool
  // asks for: listing 250 at a time, as the CLI does since cbfb465, costs 3 calls more per 1,000 PRs.
  const floor =
    tool === 'baseline'
      ? minimalCalls({
          pages: expected.pages,
          pullRequestsRead: expected.activePullRequests,
          requeues: expected.allExpiredIds.length,
        })
      : minimalCalls({
          pages: expected.pages,
          pullRequestsRead: expected.pullRequestsRead,
          requeues: expected.requeueIds.length,
        });
  const concurrency = tool === 'baseline' ? 1 : cell.concurrency;
  const boundMs =
    calls === undefined
      ? undefined
      : latencyBoundMs({ requests: calls, latencyMs: cell.latencyMs, concurrency });
  const rss = med(samples.map((sample) => sample.maxRssBytes));
  return {
    runs: samples.length,
    wallMs,
    calls,
    minimalCalls: floor,
    callOverhead: calls === undefined ? undefined : callOverhead(calls, floor),
    maxRssMb: rss === undefined ? undefined : rss / 1024 / 1024,
    boundMs,
    efficiency: boundMs === undefined || wallMs === undefined ? undefined : efficiency(boundMs, wallMs),
    meanInFlight: med(samples.map((sample) => sample.check.meanInFlight)),
    meanRequestMs: med(samples.map((sample) => sample.check.meanRequestMs)),
    startupMs: med(samples.map((sample) => sample.check.startupMs)),
    tailMs: med(samples.map((sample) => sample.check.tailMs)),
    cpuMs: med(samples.map((sample) => sample.cpuMs)),
    allCorrect: samples.every((sample) => sample.exitCode === 0 && sample.check.correct),
    fingerprints: [...new Set(samples.map((sample) => sample.check.fingerprint))],
  };
}

export function summarizeCell(
  cell: CellPlan,
  samples: readonly Sample[],
  expected: ExpectedWork,
): CellSummary {
  const tools: Partial<Record<ToolName, ToolSummary>> = {};
  for (const tool of TOOL_NAMES) {
    const mine = samples.filter((sample) => sample.tool === tool);
    if (mine.length > 0) tools[tool] = summarizeTool(tool, cell, mine, expected);
  }
  const ours = tools['azdo-requeue'];
  const base = tools.baseline;
  const sameSet =
    ours && base
      ? ours.fingerprints.length === 1 && base.fingerprints.join() === ours.fingerprints.join()
      : undefined;
  return { tools, speedup: speedup(base?.wallMs, ours?.wallMs), sameSet };
}

export interface Target {
  readonly name: string;
  readonly measured: number | undefined;
  readonly limit: number;
  readonly unit: string;
  readonly met: boolean;
}

export function target(
  name: string,
  measured: number | undefined,
  limit: number,
  unit: string,
  atLeast: boolean,
): Target {
  const met = measured !== undefined && (atLeast ? measured >= limit : measured <= limit);
  return { name, measured, limit, unit, met };
}
