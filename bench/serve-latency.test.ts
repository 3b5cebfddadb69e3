// The serve scenario's arithmetic and organization: percentiles, push → last PATCH, the targets' inputs.
import { describe, expect, it } from 'vitest';
import { percentile } from './lib/bench-math.js';
import {
  pushLatency,
  serveTable,
  serveTargets,
  summarizeServe,
  type PushLatency,
} from './lib/serve-latency.js';
import type { Row } from './lib/format-table.js';
import { DEFAULT_CONCURRENCY } from './lib/plan-cells.js';
import { buildChart } from './lib/report-results.js';
import { SERVE_REPOSITORY, serveScenario } from './lib/serve-scenario.js';

describe('percentile (nearest rank)', () => {
  it('takes the smallest sample with p % at or below it', () => {
    const values = [50, 10, 40, 20, 30];
    expect(percentile(values, 50)).toBe(30);
    expect(percentile(values, 20)).toBe(10);
    expect(percentile(values, 21)).toBe(20);
    expect(percentile(values, 99)).toBe(50);
    expect(percentile([7, 1], 50)).toBe(1);
  });
  it('is undefined without samples and refuses p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('pushLatency', () => {
  it('times the last PATCH answered and the delivery answer from the push', () => {
    const latency = pushLatency({
      pushedAtMs: 1000,
      deliveryAnsweredAtMs: 1030,
      requests: [
        { timeMs: 1050, durationMs: 20, method: 'GET' },
        { timeMs: 1400, durationMs: 25, method: 'PATCH' },
        { timeMs: 1410, durationMs: 5, method: 'PATCH' },
        { timeMs: 1500, durationMs: 20, method: 'GET' },
      ],
    });
    expect(latency).toEqual({
      pushToLastPatchMs: 425,
      deliveryAnswerMs: 30,
      firstCallMs: 50,
      requests: 4,
      patches: 2,
    });
  });
  it('leaves what did not happen undefined', () => {
    const latency = pushLatency({ pushedAtMs: 1000, deliveryAnsweredAtMs: undefined, requests: [] });
    expect(latency.pushToLastPatchMs).toBeUndefined();
    expect(latency.deliveryAnswerMs).toBeUndefined();
    expect(latency.firstCallMs).toBeUndefined();
  });
});

describe('summarizeServe and serveTargets', () => {
  const push = (last: number, answer: number, patches = 3): PushLatency => ({
    pushToLastPatchMs: last,
    deliveryAnswerMs: answer,
    firstCallMs: 1,
    requests: patches * 2,
    patches,
  });
  it('reports p50 and p99 of both latencies and whether every push requeued the expected count', () => {
    const summary = summarizeServe([push(900, 20), push(700, 90), push(2500, 30)], 3);
    expect(summary.pushToLastPatch).toEqual({ p50Ms: 900, p99Ms: 2500 });
    expect(summary.deliveryAnswer).toEqual({ p50Ms: 30, p99Ms: 90 });
    expect(summary.allCorrect).toBe(true);
    expect(serveTargets(summary).map((t) => t.met)).toEqual([true, false, true, true]);
    expect(summarizeServe([push(900, 20), push(700, 20, 4)], 3).allCorrect).toBe(false);
    expect(summarizeServe([], 3).allCorrect).toBe(false);
    expect(serveTable(summary).body).toEqual([
      ['push → last requeue PATCH answered', '900 ms', '2500 ms'],
      ['push → delivery answered', '30 ms', '90 ms'],
    ]);
  });
});

describe('serveScenario', () => {
  it('has 1,000 active PRs, 300 of them into main of the pushed repository', () => {
    const repositories = serveScenario().projects?.flatMap((project) => project.repositories) ?? [];
    const count = (list: typeof repositories) =>
      list.reduce((sum, repository) => sum + (repository.pullRequests?.length ?? 0), 0);
    expect(count(repositories)).toBe(1000);
    const pushed = repositories.filter((repository) => repository.name === SERVE_REPOSITORY);
    expect(count(pushed)).toBe(300);
    expect(pushed[0]?.pullRequests?.every((pr) => pr.targetBranch === 'main')).toBe(true);
  });
});

describe('the chart with serve beside the CLI', () => {
  const cliRow = {
    cell: {
      scenario: { pullRequests: 1000, kind: 'clean' },
      latencyMs: 20,
      concurrency: DEFAULT_CONCURRENCY,
      placement: 'process',
      runs: { 'azdo-requeue': 3 },
    },
    summary: { tools: { 'azdo-requeue': { wallMs: 2500 } } },
  } as unknown as Row;

  it('adds serve as one labelled point at its organization’s PR count', () => {
    const svg = buildChart([cliRow], { pullRequests: 1000, p50Ms: 579 });
    expect(svg).toContain('serve, one push (p50)');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('0.58 s');
    expect(svg).toContain('2.50 s');
  });

  it('draws the CLI alone when there are no serve figures', () => {
    const svg = buildChart([cliRow]);
    expect(svg).not.toContain('serve');
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });
});
