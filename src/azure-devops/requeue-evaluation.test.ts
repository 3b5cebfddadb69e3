// Exactly-once requeue against a scripted server and an instant clock: which answers lead to a second PATCH, which
// to a read-back, and which to a skip or a failure (reference §3.4, §5, §6; docs/decisions/0008).
import { describe, expect, it } from 'vitest';

import { NetworkError } from '../http/errors/network-error.js';
import { RateLimitExceededError } from '../http/errors/rate-limit-exceeded-error.js';
import { TimeoutError } from '../http/errors/timeout-error.js';
import { ApiFailure, CheckNoLongerApplicableError } from '../requeue/checks-api.js';
import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import {
  anEvaluationRecord,
  anInstantClock,
  scriptedEvaluationServer,
  type Script,
} from '../../test/reliability/support/scripted-evaluation-server.js';
import { requeueEvaluation, type RequeueEvaluationOptions } from './requeue-evaluation.js';

const ORG = 'https://dev.azure.com/fabrikam';
const pullRequest = aPullRequest({ id: 42 });
const check = anExpiredBuildCheck({ evaluationId: 'e-1', buildId: 100 });
const unchanged = { body: anEvaluationRecord({ buildId: 100, isExpired: true }) };
const requeued = { body: anEvaluationRecord({ buildId: 200, isExpired: false }) };
const where = {
  method: 'PATCH' as const,
  url: `${ORG}/p/_apis/policy/evaluations/e-1`,
  operation: 'requeue',
};
const reset = (): NetworkError => new NetworkError({ ...where, code: 'ECONNRESET' });

function run(script: Script, options: RequeueEvaluationOptions = {}) {
  const server = scriptedEvaluationServer(script);
  const clock = anInstantClock();
  const outcome = requeueEvaluation(server.send, ORG, pullRequest, check, { clock, ...options });
  return { server, clock, outcome };
}

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiFailure)) throw new Error(`expected an ApiFailure, got ${String(error)}`);
  return error;
}

async function skipOf(promise: Promise<unknown>): Promise<CheckNoLongerApplicableError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof CheckNoLongerApplicableError))
    throw new Error(`expected a skip, got ${String(error)}`);
  return error;
}

describe('requeueEvaluation: the answer to the PATCH', () => {
  it('reads the PR and the check, sends one PATCH and reports the new build from the answer', async () => {
    const { server, outcome, clock } = run({ patch: [requeued] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'response', newBuildId: 200 });
    expect(server.calls).toEqual(['GET pull request', 'GET check', 'PATCH']);
    expect(server.requests.find((request) => request.method === 'PATCH')?.idempotent).toBe(false);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    ['cut off', { bodyText: '{"evaluationId":"e-1","conte' }],
    ['not JSON', { bodyText: 'Service temporarily degraded.', contentType: 'text/plain' }],
    ['empty', { bodyText: '' }],
  ])('counts a 200 with a body %s as requeued without reading back', async (_name, answer) => {
    const { server, outcome } = run({ patch: [answer] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'response' });
    expect(server.calls).toEqual(['GET pull request', 'GET check', 'PATCH']);
  });

  it.each([
    [403, 'auth'],
    [400, 'other'],
    [302, 'other'], // a redirect to another origin, which the pipeline does not follow with credentials
  ] as const)('fails on %i without reading back or resending', async (status, kind) => {
    const { server, outcome } = run({ patch: [{ status, body: { message: 'TF401027: no permission' } }] });

    const failure = await failureOf(outcome);

    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(new RegExp(`requeue check "CI build" of pull request 42 .*${status}`));
    expect(server.count('PATCH')).toBe(1);
    expect(server.count('GET check')).toBe(1);
  });

  it('reports a 429 the pipeline gave up on as not requeued, without a read-back', async () => {
    const { server, outcome } = run({ patch: [{ status: 429, body: { message: 'TF400733: blocked' } }] });

    const failure = await failureOf(outcome);

    expect(failure.message).toMatch(/429.*TF400733.*not requeued: throttled/);
    expect(server.calls).toEqual(['GET pull request', 'GET check', 'PATCH']);
  });

  it('reports a refused long wait as not requeued, without a read-back', async () => {
    const tooLong = new RateLimitExceededError({ waitMs: 120_000, maxWaitMs: 60_000, ...where });
    const { server, outcome } = run({ patch: [tooLong] });

    const failure = await failureOf(outcome);

    expect(failure.message).toMatch(/asked to wait 120000 ms.*not requeued/);
    expect(server.count('PATCH')).toBe(1);
    expect(server.count('GET check')).toBe(1);
  });

  it('fails without a read-back when the PATCH never reached the server', async () => {
    const refused = new NetworkError({ ...where, code: 'ECONNREFUSED' });
    const { server, outcome } = run({ patch: [refused] });

    const failure = await failureOf(outcome);

    expect(failure.code).toBe('ECONNREFUSED');
    expect(server.calls).toEqual(['GET pull request', 'GET check', 'PATCH']);
  });

  it('skips a check whose PATCH answers 404 as vanished', async () => {
    const { outcome } = run({ patch: [{ status: 404, body: { message: 'not found' } }] });

    expect((await skipOf(outcome)).skipReason).toBe('vanished');
  });
});

describe('requeueEvaluation: an unknown outcome is read back, never resent blindly', () => {
  it('after a reset, waits for the server to settle, reads back, and does not resend a requeue that happened', async () => {
    const { server, outcome, clock } = run({ check: [unchanged, requeued], patch: [reset()] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'read-back', newBuildId: 200 });
    expect(server.calls).toEqual(['GET pull request', 'GET check', 'PATCH', 'GET check']);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('after a reset, waits the 2 s settle (which covers the backoff), reads back unchanged and sends once more', async () => {
    const { server, outcome, clock } = run({ check: [unchanged, unchanged], patch: [reset(), requeued] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'response', newBuildId: 200 });
    expect(server.calls).toEqual(['GET pull request', 'GET check', 'PATCH', 'GET check', 'PATCH']);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('after a 503, backs off, then reads back and resends at once, only if unchanged', async () => {
    const unavailable = { status: 503, body: { message: 'unavailable' } };
    const { server, outcome, clock } = run({ check: [unchanged], patch: [unavailable, requeued] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'response', newBuildId: 200 });
    expect(server.count('PATCH')).toBe(2);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('counts "no longer expired" on the read-back as done, even with the same build id', async () => {
    const notExpired = { body: anEvaluationRecord({ buildId: 100, isExpired: false, status: 'approved' }) };
    const { server, outcome } = run({ check: [unchanged, notExpired], patch: [{ status: 500 }] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'read-back' });
    expect(server.count('PATCH')).toBe(1);
  });

  it('gives up after three PATCHes, each read back and found unchanged, backing off between them', async () => {
    const { server, outcome, clock } = run({ check: [unchanged], patch: [{ status: 502 }] });

    const failure = await failureOf(outcome);

    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(failure.message).toMatch(/failed with 502; not requeued after 3 attempts/);
    expect(server.calls).toEqual([
      ...['GET pull request', 'GET check'],
      ...['PATCH', 'GET check', 'PATCH', 'GET check', 'PATCH', 'GET check'],
    ]);
  });

  it.each([
    [
      'the record has no context',
      { body: anEvaluationRecord({ context: null }) },
      /without its build context/,
    ],
    ['the read fails', reset(), /ECONNRESET/],
    [
      'the read is not JSON',
      { bodyText: '<html>', contentType: 'text/plain' },
      /text\/plain instead of JSON/,
    ],
  ])('reports "outcome unknown" and never resends when %s', async (_name, readBack, message) => {
    const timeout = new TimeoutError({ ...where, timeoutMs: 30_000 });
    const { server, outcome } = run({ check: [unchanged, readBack], patch: [timeout] });

    const failure = await failureOf(outcome);

    expect(failure.code).toBe('outcome-unknown');
    expect(failure.message).toMatch(message);
    expect(failure.message).toMatch(/whether it was requeued is unknown and it was not resent/);
    expect(server.count('PATCH')).toBe(1);
  });

  it('does not resend after a sign-in page, and reports an auth failure when nothing changed', async () => {
    const signIn = { status: 203, bodyText: '<html>Sign in</html>', contentType: 'text/html' };
    const { server, outcome } = run({ check: [unchanged], patch: [signIn] });

    const failure = await failureOf(outcome);

    expect(failure.kind).toBe('auth');
    expect(server.count('PATCH')).toBe(1);
    expect(server.count('GET check')).toBe(2);
  });

  it('trusts the read-back over a sign-in page when the check did move on', async () => {
    const signIn = { status: 200, bodyText: '<html>Sign in</html>', contentType: 'text/html' };
    const { outcome } = run({ check: [unchanged, requeued], patch: [signIn] });

    await expect(outcome).resolves.toEqual({ confirmedBy: 'read-back', newBuildId: 200 });
  });

  it('reports outcome unknown, not a crash, when the run stops while waiting to read back', async () => {
    const stop = new AbortController();
    stop.abort(new Error('SIGTERM'));
    const { server, outcome } = run({ patch: [reset()] }, { signal: stop.signal, checkFirst: false });

    const failure = await failureOf(outcome);

    expect(failure.code).toBe('outcome-unknown');
    expect(failure.message).toMatch(/stopped while it waited to read back/);
    expect(server.calls).toEqual(['PATCH']);
  });

  it('skips as vanished when the read-back answers 404', async () => {
    const { outcome } = run({ check: [unchanged, { status: 404 }], patch: [reset()] });

    expect((await skipOf(outcome)).skipReason).toBe('vanished');
  });
});
