// The changing world: between the listing and the PATCH a pull request may close or vanish and a check may be
// requeued by someone else or stop being expired; each is a skip with its reason, never a PATCH (reference §3.4).
import { describe, expect, it } from 'vitest';

import { NetworkError } from '../http/errors/network-error.js';
import { ApiFailure, CheckNoLongerApplicableError, type RequeueOutcome } from '../requeue/checks-api.js';
import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import {
  anEvaluationRecord,
  anInstantClock,
  scriptedEvaluationServer,
  type Script,
} from '../../test/reliability/support/scripted-evaluation-server.js';
import { requeueEvaluation } from './requeue-evaluation.js';

const ORG = 'https://dev.azure.com/fabrikam';
const pullRequest = aPullRequest({ id: 7, project: { id: 'p-guid', name: 'Fabrikam' } });
const check = anExpiredBuildCheck({ evaluationId: 'e-1', buildId: 100 });

async function settle(script: Script) {
  const server = scriptedEvaluationServer(script);
  const result: { outcome?: RequeueOutcome; error?: unknown } = await requeueEvaluation(
    server.send,
    ORG,
    pullRequest,
    check,
    { clock: anInstantClock() },
  ).then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error }),
  );
  return { server, ...result };
}

describe('requeueEvaluation: checking the world before the PATCH', () => {
  it('reads GET {org}/{projectId}/_apis/git/pullrequests/{id} with api-version 7.1', async () => {
    const { server } = await settle({});

    const read = server.requests.find((request) => request.url.pathname.includes('/pullrequests/'));
    expect(read?.url.href).toBe(`${ORG}/p-guid/_apis/git/pullrequests/7?api-version=7.1`);
    expect(read?.idempotent).toBe(true);
  });

  it.each([
    ['completed', 'changed', /pull request 7 is completed now/],
    ['abandoned', 'changed', /pull request 7 is abandoned now/],
  ])('skips when the pull request is %s now, without a PATCH', async (status, reason, message) => {
    const { server, error } = await settle({ pullRequest: [{ body: { pullRequestId: 7, status } }] });

    expect(error).toBeInstanceOf(CheckNoLongerApplicableError);
    expect(error).toMatchObject({ skipReason: reason, message: expect.stringMatching(message) as unknown });
    expect(server.count('PATCH')).toBe(0);
  });

  it.each([
    ['the pull request', { pullRequest: [{ status: 404, body: { message: 'TF401180' } }] }],
    ['the check', { check: [{ status: 404, body: { message: 'PolicyEvaluationNotFoundException' } }] }],
  ])('skips as vanished when %s answers 404', async (_what, script: Script) => {
    const { server, error } = await settle(script);

    expect(error).toMatchObject({ skipReason: 'vanished' });
    expect(server.count('PATCH')).toBe(0);
  });

  it.each([
    [
      'a new build (requeued by someone else or a push)',
      anEvaluationRecord({ buildId: 300, isExpired: false, status: 'running' }),
      'changed',
      /100 → 300/,
    ],
    [
      'the same build, no longer expired',
      anEvaluationRecord({ buildId: 100, isExpired: false, status: 'approved' }),
      'not-expired',
      /now approved/,
    ],
    [
      'the same build queued again',
      anEvaluationRecord({ buildId: 100, isExpired: false, status: 'queued' }),
      'build-in-progress',
      /now queued/,
    ],
  ])('skips a check that shows %s', async (_what, record, reason, message) => {
    const { server, error } = await settle({ check: [{ body: record }] });

    expect(error).toMatchObject({ skipReason: reason, message: expect.stringMatching(message) as unknown });
    expect(server.count('PATCH')).toBe(0);
  });

  it('still requeues when the fresh read has no context: the listing stays the evidence', async () => {
    const { server, outcome } = await settle({ check: [{ body: anEvaluationRecord({ context: null }) }] });

    expect(outcome).toEqual({ confirmedBy: 'response', newBuildId: 200 });
    expect(server.count('PATCH')).toBe(1);
  });

  it('fails naming the read, without a PATCH, when the check cannot be read', async () => {
    const lost = new NetworkError({ method: 'GET', url: `${ORG}/x`, operation: 'read', code: 'ECONNRESET' });
    const { server, error } = await settle({ check: [lost] });

    expect(error).toBeInstanceOf(ApiFailure);
    expect((error as ApiFailure).message).toMatch(
      /^read check "CI build" of pull request 7 before requeuing it failed/,
    );
    expect(server.count('PATCH')).toBe(0);
  });

  it('asks the shared listing instead of reading the pull request when the listing can tell', async () => {
    const server = scriptedEvaluationServer({});
    const asked: number[] = [];

    await requeueEvaluation(server.send, ORG, pullRequest, check, {
      clock: anInstantClock(),
      isStillActive: (pr) => {
        asked.push(pr.id);
        return Promise.resolve(true);
      },
    });

    expect(asked).toEqual([7]);
    expect(server.calls).toEqual(['GET check', 'PATCH']);
  });

  it('reads the pull request itself when the listing does not list it', async () => {
    const server = scriptedEvaluationServer({
      pullRequest: [{ body: { pullRequestId: 7, status: 'abandoned' } }],
    });

    const error: unknown = await requeueEvaluation(server.send, ORG, pullRequest, check, {
      clock: anInstantClock(),
      isStillActive: () => Promise.resolve(undefined),
    }).catch((reason: unknown) => reason);

    expect(server.calls).toContain('GET pull request');
    expect(error).toMatchObject({
      skipReason: 'changed',
      message: expect.stringMatching(/is abandoned now/) as unknown,
    });
    expect(server.count('PATCH')).toBe(0);
  });

  it('can be turned off (checkFirst: false): the PATCH goes straight out', async () => {
    const server = scriptedEvaluationServer({});

    await requeueEvaluation(server.send, ORG, pullRequest, check, { checkFirst: false });

    expect(server.calls).toEqual(['PATCH']);
  });
});
