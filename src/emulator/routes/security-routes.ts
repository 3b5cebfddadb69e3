// POST _apis/security/permissionevaluationbatch (location cf1faa59): the two permissions a requeue needs.
import {
  canContributeToPullRequests,
  canQueueBuilds,
  canSeeProject,
  canSeeRepository,
} from '../engine/access.js';
import { serviceErrors } from '../protocol/service-errors.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

/** Git Repositories namespace; PullRequestContribute = 16384; tokens `repoV2/{projectId}[/{repoId}]`. */
const GIT_NAMESPACE = '2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87';
const PULL_REQUEST_CONTRIBUTE = 16384;
/** Build namespace; QueueBuilds = 128; tokens `{projectId}[/{definitionId}]`. */
const BUILD_NAMESPACE = '33344d9c-fc72-4d6f-aba5-fa317101a7e9';
const QUEUE_BUILDS = 128;

interface Evaluation {
  securityNamespaceId: string;
  token: string;
  permissions: number;
}

function isEvaluation(value: unknown): value is Evaluation {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['securityNamespaceId'] === 'string' &&
    typeof record['token'] === 'string' &&
    typeof record['permissions'] === 'number'
  );
}

/** Whether the caller holds every requested bit; bits the emulator does not model are granted. */
function evaluate(ctx: RouteContext, evaluation: Evaluation): boolean {
  const namespace = evaluation.securityNamespaceId.toLowerCase();
  const parts = evaluation.token.toLowerCase().split('/');
  if (namespace === GIT_NAMESPACE && parts[0] === 'repov2') {
    const project = ctx.store.projectsByKey.get(parts[1] ?? '');
    if (project === undefined || !canSeeProject(ctx.store, ctx.caller, project)) return false;
    const repository = parts[2] === undefined ? undefined : ctx.store.repositoriesById.get(parts[2]);
    if (
      parts[2] !== undefined &&
      (repository === undefined || !canSeeRepository(ctx.store, ctx.caller, repository))
    )
      return false;
    if ((evaluation.permissions & PULL_REQUEST_CONTRIBUTE) === 0) return true;
    const scope = repository === undefined ? project.repositories : [repository];
    return scope.every((repo) => canContributeToPullRequests(ctx.store, ctx.caller, repo));
  }
  if (namespace === BUILD_NAMESPACE) {
    const project = ctx.store.projectsByKey.get(parts[0] ?? '');
    if (project === undefined || !canSeeProject(ctx.store, ctx.caller, project)) return false;
    if ((evaluation.permissions & QUEUE_BUILDS) === 0) return true;
    return parts[1] === undefined
      ? canQueueBuilds(ctx.store, ctx.caller, -1)
      : canQueueBuilds(ctx.store, ctx.caller, Number(parts[1]));
  }
  return false;
}

function evaluateBatch(ctx: RouteContext): RouteResult {
  let body: unknown;
  try {
    body = JSON.parse(ctx.body.toString('utf8') || 'null');
  } catch {
    throw serviceErrors.argumentNull('evalBatch');
  }
  const batch = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const evaluations = batch['evaluations'];
  if (!Array.isArray(evaluations) || !evaluations.every(isEvaluation)) {
    throw serviceErrors.argumentNull('evalBatch');
  }
  return {
    body: {
      evaluations: evaluations.map((evaluation) => ({ ...evaluation, value: evaluate(ctx, evaluation) })),
      alwaysAllowAdministrators: batch['alwaysAllowAdministrators'] === true,
    },
  };
}

export const SECURITY_ROUTES: Route[] = [
  {
    method: 'POST',
    template: '_apis/security/permissionevaluationbatch',
    locationId: 'cf1faa59-1b63-4448-bf04-13d981a46f5d',
    handle: evaluateBatch,
  },
];
