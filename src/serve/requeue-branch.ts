// One push's work: the existing pipeline (select → rank → plan → apply, exactly once) over the pull requests into
// one branch of one repository. The push names the project and repository with ids and names, so the scope is
// known without a call; the settle wait's last listing is the run's listing (no second listing of the same PRs);
// everything else goes to the adapter unchanged.
import {
  runRequeue,
  type ChecksApi,
  type PullRequest,
  type PullRequestQuery,
  type RequeueOptions,
  type RequeueResult,
} from '../index.js';

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

export interface BranchRunOptions {
  readonly stopSignal?: AbortSignal;
  /** The PRs into the branch as just listed (the settled re-merge wait): served once instead of a listing call. */
  readonly listed?: readonly (readonly PullRequest[])[];
}

export async function requeueBranch(
  target: BranchTarget,
  api: ChecksApi,
  settings: RequeueSettings,
  now: () => number,
  options: BranchRunOptions = {},
): Promise<BranchRun> {
  let lastRequeueAtMs: number | undefined;
  let listed = options.listed;
  const scoped = overriding(api, {
    resolveScope: () =>
      Promise.resolve({
        projects: [target.project],
        repositories: [{ ...target.repository, projectId: target.project.id }],
      }),
    listPullRequests: (query, signal) => {
      const pages = listed;
      listed = undefined;
      return pages && isBranchQuery(query, target) ? replay(pages) : api.listPullRequests(query, signal);
    },
    requeueCheck: async (pullRequest, check, signal) => {
      const outcome = await api.requeueCheck(pullRequest, check, signal);
      lastRequeueAtMs = now();
      return outcome;
    },
  });
  const result = await runRequeue(
    {
      ...settings,
      scope: { projects: [target.project.id], allProjects: false, repositories: [target.repository.id] },
      targetBranches: [target.refName],
      ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
    },
    scoped,
  );
  return { result, ...(lastRequeueAtMs === undefined ? {} : { lastRequeueAtMs }) };
}

/**
 * `api` with some methods replaced. Every other method, optional ones and those on a class's prototype included,
 * is forwarded bound to the adapter, so a port method added later reaches the run without a line here. A plain
 * object, not a Proxy: spreading or inspecting it shows the replacements too.
 */
export function overriding(api: ChecksApi, overrides: Partial<ChecksApi>): ChecksApi {
  const forwarded: Record<string, unknown> = {};
  let layer: object | null = api;
  while (layer !== null && layer !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(layer)) {
      if (key === 'constructor' || key in forwarded) continue;
      const value: unknown = Reflect.get(api, key);
      if (typeof value === 'function') forwarded[key] = (value as (...args: unknown[]) => unknown).bind(api);
    }
    layer = Object.getPrototypeOf(layer) as object | null;
  }
  return { ...forwarded, ...overrides } as ChecksApi;
}

function isBranchQuery(query: PullRequestQuery, target: BranchTarget): boolean {
  return (
    query.project.id === target.project.id &&
    query.repository?.id === target.repository.id &&
    query.targetBranch === target.refName &&
    query.targetBranchPrefixes === undefined
  );
}

async function* replay(pages: readonly (readonly PullRequest[])[]): AsyncIterable<readonly PullRequest[]> {
  for (const page of pages) yield await Promise.resolve(page);
}
