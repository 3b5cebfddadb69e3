import { describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import type { ChecksApi } from '../index.js';
import { overriding, requeueBranch, type BranchTarget } from './requeue-branch.js';

const pr = aPullRequest();
const target: BranchTarget = { project: pr.project, repository: pr.repository, refName: pr.targetBranch };
const settings = {
  organization: 'https://dev.azure.com/fabrikam',
  rules: { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false },
  dryRun: false,
};

function aWorld() {
  return createFakeChecksApi({ pullRequests: [pr], checks: new Map([[pr.id, [anExpiredBuildCheck()]]]) });
}

describe('requeueBranch', () => {
  it('runs on the settle wait’s listing without listing the same PRs again', async () => {
    const { api, calls } = aWorld();
    const run = await requeueBranch(target, api, settings, () => 42, { listed: [[pr]] });
    expect(calls.queries).toHaveLength(0);
    expect(calls.requeue).toHaveLength(1);
    expect(run).toMatchObject({ result: { summary: { requeued: 1 } }, lastRequeueAtMs: 42 });
  });

  it('lists the branch itself when it was handed no listing', async () => {
    const { api, calls } = aWorld();
    await requeueBranch(target, api, settings, () => 0);
    expect(calls.queries).toEqual([
      { project: pr.project, repository: pr.repository, targetBranch: pr.targetBranch },
    ]);
    expect(calls.requeue).toHaveLength(1);
  });

  it('forwards optional port methods it does not know, bound to the adapter', async () => {
    const { api } = aWorld();
    class Adapter {
      readonly #definitions = [7];
      listActiveBuilds(_project: unknown, definitionIds: readonly number[]) {
        return Promise.resolve(
          definitionIds
            .filter((id) => this.#definitions.includes(id))
            .map((id) => ({ id: 900 + id, definitionId: id, status: 'inProgress' as const })),
        );
      }
      laterPortMethod() {
        return this.#definitions.length;
      }
    }
    const adapter = Object.assign(new Adapter(), {
      listPullRequests: api.listPullRequests.bind(api),
      listChecks: api.listChecks.bind(api),
      requeueCheck: api.requeueCheck.bind(api),
    }) as unknown as ChecksApi;
    const scoped = overriding(adapter, { resolveScope: () => Promise.reject(new Error('overridden')) });
    expect((scoped as unknown as Adapter).laterPortMethod()).toBe(1);
    await expect(scoped.listActiveBuilds?.(pr.project, [7, 8])).resolves.toEqual([
      { id: 907, definitionId: 7, status: 'inProgress' },
    ]);
    await expect(scoped.resolveScope({ projects: [], allProjects: true, repositories: [] })).rejects.toThrow(
      'overridden',
    );
    // A copy of the scoped port keeps the replacement (a wrapper further down may spread it).
    await expect(
      { ...scoped }.resolveScope({ projects: [], allProjects: true, repositories: [] }),
    ).rejects.toThrow('overridden');
    expect('listActiveBuilds' in scoped && !('listActiveBuilds' in api)).toBe(true);
    // The capacity budget reaches the adapter's listActiveBuilds through the scoped port: one build of
    // definition 7 already runs, so with room for one nothing is requeued.
    const run = await requeueBranch(target, adapter, { ...settings, maxBuildsInFlight: 1 }, () => 0);
    expect(run.result.summary.requeued).toBe(0);
    expect(run.result.capacity).toEqual([
      expect.objectContaining({ definitionId: 7, inFlight: 1, deferred: 1 }),
    ]);
  });
});
