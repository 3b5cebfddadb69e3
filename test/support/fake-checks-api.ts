// An in-memory ChecksApi for use-case tests: records every call so tests assert exact behaviour.
import type { ChecksApi, PullRequestQuery, RequeueOutcome } from '../../src/requeue/checks-api.js';
import type { PolicyCheck, PullRequest } from '../../src/requeue/model.js';

export interface FakeWorld {
  readonly pullRequests: PullRequest[];
  readonly checks: Map<number, PolicyCheck[]>;
  /** Per evaluation id: what requeueCheck does instead of succeeding. */
  readonly requeueFailures?: Map<string, Error>;
  readonly pageSize?: number;
}

export function createFakeChecksApi(world: FakeWorld) {
  const calls = { listChecks: [] as number[], requeue: [] as string[], queries: [] as PullRequestQuery[] };
  let nextBuild = 5000;
  const api: ChecksApi = {
    resolveScope: (request) =>
      Promise.resolve({
        projects: request.projects.map((name) => ({ id: `id-${name}`, name })),
        repositories: [],
      }),
    async *listPullRequests(query) {
      calls.queries.push(query);
      const size = world.pageSize ?? 1000;
      for (let start = 0; start <= world.pullRequests.length; start += size) {
        const page = world.pullRequests.slice(start, start + size);
        yield await Promise.resolve(page);
        if (page.length < size) return;
      }
    },
    listChecks(pullRequest) {
      calls.listChecks.push(pullRequest.id);
      return Promise.resolve(world.checks.get(pullRequest.id) ?? []);
    },
    requeueCheck(_pullRequest, check): Promise<RequeueOutcome> {
      calls.requeue.push(check.evaluationId);
      const failure = world.requeueFailures?.get(check.evaluationId);
      if (failure) return Promise.reject(failure);
      nextBuild += 1;
      return Promise.resolve({ confirmedBy: 'response', newBuildId: nextBuild });
    },
  };
  return { api, calls };
}
