// A scripted `send` for the requeue's three calls (GET pull request, GET evaluation, PATCH evaluation): each route
// plays its own list of answers in order (the last one repeats) and every call is recorded, so unit tests assert the
// exact sequence without a server or real time.
import type { HttpRequest, HttpResponse, SendRequest } from '../../../src/http/types.js';
import type { Clock } from '../../../src/util/clock.js';

export interface Answer {
  readonly status?: number;
  /** Serialized as JSON unless `bodyText` is given. */
  readonly body?: unknown;
  readonly bodyText?: string;
  readonly contentType?: string;
}

export type Step = Answer | Error;

export interface Script {
  readonly pullRequest?: readonly Step[];
  readonly check?: readonly Step[];
  readonly patch?: readonly Step[];
}

export type Route = 'GET pull request' | 'GET check' | 'PATCH';

export interface ScriptedServer {
  readonly send: SendRequest;
  /** Route of each call, in order. */
  readonly calls: Route[];
  readonly requests: HttpRequest[];
  count(route: Route): number;
}

function routeOf(request: HttpRequest): Route {
  if (request.method === 'PATCH') return 'PATCH';
  return /\/pullrequests\/\d+$/i.test(request.url.pathname) ? 'GET pull request' : 'GET check';
}

export function scriptedEvaluationServer(script: Script): ScriptedServer {
  const calls: Route[] = [];
  const requests: HttpRequest[] = [];
  const steps: Record<Route, readonly Step[]> = {
    'GET pull request': script.pullRequest ?? [{ body: { pullRequestId: 1, status: 'active' } }],
    'GET check': script.check ?? [{ body: anEvaluationRecord() }],
    PATCH: script.patch ?? [{ body: anEvaluationRecord({ buildId: 200, isExpired: false }) }],
  };
  const send: SendRequest = (request) => {
    const route = routeOf(request);
    const list = steps[route];
    const step = list[Math.min(calls.filter((call) => call === route).length, list.length - 1)];
    calls.push(route);
    requests.push(request);
    if (step === undefined) return Promise.reject(new Error(`no script for ${route}`));
    if (step instanceof Error) return Promise.reject(step);
    return Promise.resolve(toResponse(request, step));
  };
  return { send, calls, requests, count: (route) => calls.filter((call) => call === route).length };
}

function toResponse(request: HttpRequest, answer: Answer): HttpResponse {
  return {
    status: answer.status ?? 200,
    headers: { 'content-type': answer.contentType ?? 'application/json; charset=utf-8' },
    bodyText: answer.bodyText ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)),
    request,
  };
}

export interface RecordFacts {
  readonly buildId?: number;
  readonly isExpired?: boolean;
  readonly status?: string;
  /** `null` sends `context: null` (reference §4). */
  readonly context?: null;
}

/** A build-policy evaluation record as the service returns it (reference §4), build 100 and expired by default. */
export function anEvaluationRecord(facts: RecordFacts = {}): Record<string, unknown> {
  const context =
    facts.context === null
      ? null
      : { buildId: facts.buildId ?? 100, isExpired: facts.isExpired ?? true, buildIsNotCurrent: true };
  return {
    evaluationId: 'e-1',
    status: facts.status ?? 'queued',
    configuration: {
      isEnabled: true,
      isBlocking: true,
      type: { id: '0609b952-1397-4640-95ec-e00a01b2c241', displayName: 'Build' },
      settings: { displayName: 'CI build', buildDefinitionId: 7 },
    },
    context,
  };
}

/** Sleeps return at once and move time forward; every sleep is recorded. */
export function anInstantClock(): Clock & { readonly sleeps: number[] } {
  let nowMs = Date.UTC(2026, 0, 1);
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => nowMs,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      sleeps.push(ms);
      nowMs += ms;
      return Promise.resolve();
    },
  };
}
