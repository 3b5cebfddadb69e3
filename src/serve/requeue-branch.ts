// One push's work: the existing pipeline (select → rank → plan → apply, exactly once) over the pull requests into
// one branch of one repository. The push names the project and repository with ids and names, so the scope is
// known without a call; everything else goes to the adapter unchanged.
import { runRequeue, type ChecksApi, type RequeueOptions, type RequeueResult } from '../index.js';

export interface BranchTarget {
  readonly project: { readonly id: string; readonly name: string };
  readonly repository: { readonly id: string; readonly name: string };
  /** Full ref. */
  readonly refName: string;
}

/** The run's settings apart from its scope: the CLI's selection rules, budgets and concurrency. */
export type RequeueSettings = Omit<RequeueOptions, 'scope' | 'targetBranches' | 'stopSignal' | 'onProgress'>;

export interface BranchRun {
  readonly result: RequeueResult;
  /** When the last requeue call of the run returned (undefined when nothing was requeued). */
  readonly lastRequeueAtMs?: number;
}

export async function requeueBranch(
  target: BranchTarget,
  api: ChecksApi,
  settings: RequeueSettings,
  now: () => number,
  stopSignal?: AbortSignal,
): Promise<BranchRun> {
  let lastRequeueAtMs: number | undefined;
  const scoped: ChecksApi = {
    resolveScope: () =>
      Promise.resolve({
        projects: [target.project],
        repositories: [{ ...target.repository, projectId: target.project.id }],
      }),
    listPullRequests: (query, signal) => api.listPullRequests(query, signal),
    listChecks: (pullRequest, signal) => api.listChecks(pullRequest, signal),
    requeueCheck: async (pullRequest, check, signal) => {
      const outcome = await api.requeueCheck(pullRequest, check, signal);
      lastRequeueAtMs = now();
      return outcome;
    },
    ...(api.listActiveBuilds
      ? {
          listActiveBuilds: (project, definitionIds, signal) =>
            api.listActiveBuilds?.(project, definitionIds, signal) ?? Promise.resolve([]),
        }
      : {}),
  };
  const result = await runRequeue(
    {
      ...settings,
      scope: { projects: [target.project.id], allProjects: false, repositories: [target.repository.id] },
      targetBranches: [target.refName],
      ...(stopSignal ? { stopSignal } : {}),
    },
    scoped,
  );
  return { result, ...(lastRequeueAtMs === undefined ? {} : { lastRequeueAtMs }) };
}
