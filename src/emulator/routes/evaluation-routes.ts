// Policy evaluations (preview-only): list by artifactId, get, and PATCH = re-queue (locations c23ddff5, 46aecb7a; §3.4).
import { canContributeToPullRequests, canQueueBuilds, canSeeRepository } from '../engine/access.js';
import { settleBuild } from '../engine/build-lifecycle.js';
import { describeEvaluation } from '../engine/evaluation-state.js';
import { requeueEvaluation } from '../engine/requeue-evaluation.js';
import type { EvaluationEntity } from '../model/entities.js';
import { queryBoolean } from '../protocol/parse-url.js';
import { serviceErrors } from '../protocol/service-errors.js';
import { toCollection } from '../protocol/wire-format.js';
import { evaluationJson } from '../wire/policy-json.js';
import { pageWindow, requireProject } from './resolve-scope.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const LIST_LOCATION = 'c23ddff5-229c-4d04-a80b-0fdce9f360c8';
const ITEM_LOCATION = '46aecb7a-5d2c-4647-897b-0209505a9fe4';
const ARTIFACT = /^vstfs:\/\/\/CodeReview\/CodeReviewId\/([0-9a-f-]{36})\/(\d+)$/i;

function recordJson(ctx: RouteContext, evaluation: EvaluationEntity) {
  if (evaluation.build !== undefined) settleBuild(ctx.store, evaluation.build, ctx.nowMs);
  return evaluationJson(ctx.orgUrl, evaluation, describeEvaluation(evaluation, ctx.nowMs));
}

/** §3.4 (Server 2022 behaviour): artifactId required, URI-decoded, `/` or `%2f`; default top 100, max 1000. */
function listEvaluations(ctx: RouteContext): RouteResult {
  const project = requireProject(ctx);
  const raw = ctx.url.query.get('artifactid');
  if (raw === undefined || raw.trim() === '') {
    throw serviceErrors.argumentNull('artifactId');
  }
  const match = ARTIFACT.exec(raw.trim().replace(/%2f/gi, '/'));
  if (match === null) {
    throw serviceErrors.invalidArgument('artifactId', raw);
  }
  const artifactProject = ctx.store.projectsByKey.get((match[1] ?? '').toLowerCase());
  const pr = ctx.store.pullRequestsById.get(Number(match[2]));
  if (
    artifactProject !== project ||
    pr === undefined ||
    pr.project !== project ||
    !canSeeRepository(ctx.store, ctx.caller, pr.repository)
  ) {
    throw serviceErrors.artifactNotFound(raw);
  }
  const includeNotApplicable = queryBoolean(ctx.url.query, 'includeNotApplicable') ?? false;
  const { skip, top } = pageWindow(ctx, 100, 1000);
  const records = pr.evaluations
    .map((evaluation) => recordJson(ctx, evaluation))
    .filter((record) => includeNotApplicable || record['status'] !== 'notApplicable');
  return { body: toCollection(records.slice(skip, skip + top)) };
}

function requireEvaluation(ctx: RouteContext): EvaluationEntity {
  const project = requireProject(ctx);
  const id = ctx.params.get('evaluationId') ?? '';
  const evaluation = ctx.store.evaluationsById.get(id.toLowerCase());
  if (
    evaluation === undefined ||
    evaluation.pullRequest.project !== project ||
    !canSeeRepository(ctx.store, ctx.caller, evaluation.pullRequest.repository)
  ) {
    throw serviceErrors.evaluationNotFound(id);
  }
  return evaluation;
}

/** Any body (none, `null`, JSON) is accepted and ignored: the action reads only the route (§3.4). */
function requeue(ctx: RouteContext): RouteResult {
  const evaluation = requireEvaluation(ctx);
  const pr = evaluation.pullRequest;
  if (!canContributeToPullRequests(ctx.store, ctx.caller, pr.repository)) {
    throw serviceErrors.pullRequestContributeDenied(ctx.caller.identity.account);
  }
  const build = evaluation.policy.build;
  if (build !== undefined && !canQueueBuilds(ctx.store, ctx.caller, build.definitionId)) {
    throw serviceErrors.queueBuildsDenied(ctx.caller.identity.account, build.definitionName, pr.project.name);
  }
  requeueEvaluation(ctx.runtime, evaluation, ctx.caller, ctx.nowMs);
  return { body: recordJson(ctx, evaluation) };
}

export const EVALUATION_ROUTES: Route[] = [
  {
    method: 'GET',
    template: '{project}/_apis/policy/evaluations',
    locationId: LIST_LOCATION,
    handle: listEvaluations,
  },
  {
    method: 'GET',
    template: '{project}/_apis/policy/evaluations/{evaluationId}',
    locationId: ITEM_LOCATION,
    handle: (ctx) => ({ body: recordJson(ctx, requireEvaluation(ctx)) }),
  },
  {
    method: 'PATCH',
    template: '{project}/_apis/policy/evaluations/{evaluationId}',
    locationId: ITEM_LOCATION,
    handle: requeue,
  },
];
