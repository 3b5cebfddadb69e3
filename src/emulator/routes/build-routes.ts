// Builds (location 0cd358e1): get by id, and list per definition and status for capacity checks (§3.6).
import { settleBuild } from '../engine/build-lifecycle.js';
import type { BuildEntity } from '../model/entities.js';
import { serviceErrors } from '../protocol/service-errors.js';
import { toCollection } from '../protocol/wire-format.js';
import { buildJson } from '../wire/build-json.js';
import { requireProject } from './resolve-scope.js';
import type { Route, RouteContext, RouteResult } from './route-types.js';

const BUILDS = '0cd358e1-9217-4d94-8269-1c1ee6f93dcf';
const STATUSES = new Set(['notstarted', 'inprogress', 'completed', 'cancelling', 'postponed', 'none', 'all']);
const DEFAULT_BUILD_PAGE = 1000;

function csv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function candidateBuilds(
  ctx: RouteContext,
  projectId: string,
  definitions: number[],
  onlyActive: boolean,
): BuildEntity[] {
  const store = ctx.store;
  if (onlyActive) {
    // Capacity checks ask for queued/running builds: the active set avoids walking every finished build.
    return [...store.activeBuilds].filter(
      (build) =>
        build.project.id === projectId &&
        (definitions.length === 0 || definitions.includes(build.definitionId)),
    );
  }
  if (definitions.length > 0) {
    return definitions.flatMap((id) => store.buildsByDefinition.get(`${projectId}|${id}`) ?? []);
  }
  return [...store.buildsById.values()].filter((build) => build.project.id === projectId);
}

const ORDERS = new Map<string, { time: 'queueMs' | 'startMs' | 'finishMs'; descending: boolean }>([
  ['queuetimedescending', { time: 'queueMs', descending: true }],
  ['queuetimeascending', { time: 'queueMs', descending: false }],
  ['starttimedescending', { time: 'startMs', descending: true }],
  ['starttimeascending', { time: 'startMs', descending: false }],
  ['finishtimedescending', { time: 'finishMs', descending: true }],
  ['finishtimeascending', { time: 'finishMs', descending: false }],
]);

function timeParameter(ctx: RouteContext, name: 'minTime' | 'maxTime'): number | undefined {
  const text = ctx.url.query.get(name.toLowerCase());
  if (text === undefined || text === '') return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw serviceErrors.invalidArgument(name, text);
  return ms;
}

/**
 * `minTime`/`maxTime` keep builds whose time named by `queryOrder` (queue time when none is given) falls within
 * them, and the list comes in that order; without `queryOrder`, newest id first.
 */
function orderAndWindow(ctx: RouteContext, builds: BuildEntity[]): BuildEntity[] {
  const orderText = ctx.url.query.get('queryorder')?.toLowerCase();
  const order = orderText === undefined || orderText === '' ? undefined : ORDERS.get(orderText);
  if (orderText !== undefined && orderText !== '' && order === undefined) {
    throw serviceErrors.invalidArgument('queryOrder', orderText);
  }
  const minMs = timeParameter(ctx, 'minTime');
  const maxMs = timeParameter(ctx, 'maxTime');
  const timeOf = (build: BuildEntity): number | undefined => build[order?.time ?? 'queueMs'];
  const windowed =
    minMs === undefined && maxMs === undefined
      ? builds
      : builds.filter((build) => {
          const ms = timeOf(build);
          return (
            ms !== undefined && (minMs === undefined || ms >= minMs) && (maxMs === undefined || ms <= maxMs)
          );
        });
  if (order === undefined) return windowed.sort((a, b) => b.id - a.id);
  const sign = order.descending ? -1 : 1;
  return windowed.sort(
    (a, b) => sign * ((timeOf(a) ?? Infinity) - (timeOf(b) ?? Infinity)) || sign * (a.id - b.id),
  );
}

/** The minTime/maxTime test for queue times, when the window is on queue time (the default); else undefined. */
function queueTimeWindow(ctx: RouteContext): ((queueMs: number) => boolean) | undefined {
  const orderText = ctx.url.query.get('queryorder')?.toLowerCase() ?? '';
  if (orderText !== '' && ORDERS.get(orderText)?.time !== 'queueMs') return undefined;
  const minMs = timeParameter(ctx, 'minTime');
  const maxMs = timeParameter(ctx, 'maxTime');
  if (minMs === undefined && maxMs === undefined) return undefined;
  return (queueMs) => (minMs === undefined || queueMs >= minMs) && (maxMs === undefined || queueMs <= maxMs);
}

/**
 * `definitions=1,2&statusFilter=inProgress,notStarted&$top=` (+ reasonFilter, branchName, minTime, maxTime,
 * queryOrder), newest first unless `queryOrder` says otherwise.
 */
function listBuilds(ctx: RouteContext): RouteResult {
  const project = requireProject(ctx);
  const query = ctx.url.query;
  const definitions = csv(query.get('definitions')).map((text) => {
    if (!/^\d+$/.test(text)) throw serviceErrors.invalidArgument('definitions', text);
    return Number(text);
  });
  const statuses = csv(query.get('statusfilter')).map((status) => status.toLowerCase());
  for (const status of statuses) {
    if (!STATUSES.has(status)) throw serviceErrors.invalidArgument('statusFilter', status);
  }
  const wantAll = statuses.length === 0 || statuses.includes('all');
  const onlyActive = !wantAll && statuses.every((s) => s === 'notstarted' || s === 'inprogress');
  const reason = query.get('reasonfilter')?.toLowerCase();
  const branch = query.get('branchname')?.toLowerCase();
  // A build's queue time never changes: a queue-time window is applied before settling, so a listing of the last
  // second (the cross-run guard's) does not walk every build of the definition.
  const queueWindow = queueTimeWindow(ctx);
  const candidates = candidateBuilds(ctx, project.id, definitions, onlyActive).filter(
    (build) => queueWindow === undefined || queueWindow(build.queueMs),
  );
  const matching = candidates.filter((build) => {
    settleBuild(ctx.store, build, ctx.nowMs);
    if (!wantAll && !statuses.includes(build.status.toLowerCase())) return false;
    if (reason !== undefined && reason !== '' && reason !== 'all' && reason !== 'pullrequest') return false;
    return branch === undefined || branch === '' || `refs/pull/${build.pullRequest.id}/merge` === branch;
  });
  const ordered = orderAndWindow(ctx, matching);
  const start = Number(query.get('continuationtoken') ?? '0') || 0;
  const topText = query.get('$top');
  const top = topText === undefined || Number(topText) < 1 ? DEFAULT_BUILD_PAGE : Number(topText);
  const page = ordered.slice(start, start + top);
  const headers: Record<string, string> = {};
  if (start + page.length < ordered.length) headers['x-ms-continuationtoken'] = String(start + page.length);
  return { body: toCollection(page.map((build) => buildJson(ctx.orgUrl, build))), headers };
}

export const BUILD_ROUTES: Route[] = [
  { method: 'GET', template: '{project}/_apis/build/builds', locationId: BUILDS, handle: listBuilds },
  {
    method: 'GET',
    template: '{project}/_apis/build/builds/{buildId}',
    locationId: BUILDS,
    handle: (ctx) => {
      const project = requireProject(ctx);
      const id = ctx.params.get('buildId') ?? '';
      const build = ctx.store.buildsById.get(Number(id));
      if (build === undefined || build.project !== project) throw serviceErrors.buildNotFound(id);
      settleBuild(ctx.store, build, ctx.nowMs);
      return { body: buildJson(ctx.orgUrl, build) };
    },
  },
];
