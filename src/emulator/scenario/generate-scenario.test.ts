import { describe, expect, it } from 'vitest';
import { buildStore } from './build-store.js';
import { generateScenario } from './generate-scenario.js';

const OPTIONS = {
  pullRequests: 10_000,
  projects: 2,
  repositories: 20,
  expiredFraction: 0.25,
  runningFraction: 0.1,
  draftFraction: 0.1,
  conflictFraction: 0.05,
  manualFraction: 0.1,
  seed: 42,
};

function count<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length;
}

describe('generateScenario', () => {
  it('spreads the PRs over the requested projects and repositories', () => {
    const scenario = generateScenario(OPTIONS);

    const repositories = (scenario.projects ?? []).flatMap((p) => p.repositories);
    const prs = repositories.flatMap((r) => r.pullRequests ?? []);
    expect(scenario.projects).toHaveLength(2);
    expect(repositories).toHaveLength(20);
    expect(prs).toHaveLength(10_000);
  });

  it('honours each fraction within a few percent', () => {
    const prs = (generateScenario(OPTIONS).projects ?? []).flatMap((p) =>
      p.repositories.flatMap((r) => r.pullRequests ?? []),
    );

    expect(count(prs, (pr) => pr.check === 'expired') / 10_000).toBeCloseTo(0.25, 1);
    expect(count(prs, (pr) => pr.check === 'running') / 10_000).toBeCloseTo(0.1, 1);
    expect(count(prs, (pr) => pr.isDraft === true) / 10_000).toBeCloseTo(0.1, 1);
    expect(count(prs, (pr) => pr.conflicts === true) / 10_000).toBeCloseTo(0.05, 1);
    expect(count(prs, (pr) => pr.targetBranch === 'release') / 10_000).toBeCloseTo(0.1, 1);
  });

  it('is reproducible from its seed and differs for another seed', () => {
    expect(generateScenario(OPTIONS)).toEqual(generateScenario(OPTIONS));
    expect(generateScenario({ ...OPTIONS, seed: 43 })).not.toEqual(generateScenario(OPTIONS));
  });

  it('builds a 10,000-PR store with one build check per PR and reproducible ids', () => {
    const now = Date.UTC(2026, 0, 1);

    const first = buildStore(generateScenario(OPTIONS), now);
    const second = buildStore(generateScenario(OPTIONS), now);

    expect(first.pullRequestsById.size).toBe(10_000);
    expect([...first.evaluationsById.values()].filter((e) => e.policy.build !== undefined)).toHaveLength(
      10_000,
    );
    expect([...first.evaluationsById.keys()]).toEqual([...second.evaluationsById.keys()]);
    expect(first.projects.map((p) => p.id)).toEqual(second.projects.map((p) => p.id));
  });
});
