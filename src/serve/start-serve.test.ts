import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';

import { aPullRequest, anExpiredBuildCheck } from '../../test/support/builders.js';
import { createFakeChecksApi } from '../../test/support/fake-checks-api.js';
import { aPushPayload, basicAuth } from '../../test/support/hook-payloads.js';
import { systemClock, type ChecksApi } from '../index.js';
import { startServe, type RunningServe, type ServeConfig } from './start-serve.js';

const COMMIT = 'c'.repeat(40);
const secret = randomBytes(24).toString('base64');
let running: RunningServe | undefined;

afterEach(async () => {
  await running?.stop(1000);
  running = undefined;
});

function aWorld() {
  const pr = aPullRequest({ lastMergeTargetCommit: COMMIT });
  const notExpired = anExpiredBuildCheck({ isExpired: false, status: 'approved' });
  const expired = anExpiredBuildCheck();
  return createFakeChecksApi({ pullRequests: [pr], checks: new Map([[pr.id, [expired, notExpired]]]) });
}

async function serve(api: ChecksApi, overrides: Partial<ServeConfig> = {}) {
  const lines: Record<string, unknown>[] = [];
  running = await startServe(
    {
      host: '127.0.0.1',
      port: 0,
      secret,
      scope: { projects: ['Fabrikam'], allProjects: false, repositories: [] },
      targetBranches: [],
      settings: { organization: 'https://dev.azure.com/fabrikam', rules: noRules, dryRun: false },
      settleTimeoutMs: 2000,
      sweepIntervalMs: 0,
      ...overrides,
    },
    { api, clock: systemClock, log: (line) => lines.push(line) },
  );
  return { service: running, lines };
}

const noRules = { includeDrafts: false, includeConflicts: false, includeManual: false, requiredOnly: false };

function deliver(service: RunningServe, body: unknown, authorization = basicAuth(secret)) {
  return fetch(service.hookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startServe', () => {
  it('answers a push with 202 at once, then requeues the expired check of the pushed branch once', async () => {
    const { api, calls } = aWorld();
    const { service, lines } = await serve(api);
    const answer = await deliver(service, aPushPayload({ newObjectId: COMMIT }));
    expect(answer.status).toBe(202);
    expect(await answer.json()).toEqual({ result: 'accepted' });
    await until(() => lines.some((line) => line['event'] === 'run'));
    expect(calls.requeue).toHaveLength(1);
    expect(calls.queries[0]).toMatchObject({ targetBranch: 'refs/heads/main', repository: { name: 'web' } });
    expect(lines.find((line) => line['event'] === 'requeued')).toMatchObject({
      trigger: 'push',
      settled: true,
    });
  });

  it('does the work of a redelivery and of a concurrent duplicate only once', async () => {
    const { api, calls } = aWorld();
    const { service, lines } = await serve(api);
    const payload = aPushPayload({ newObjectId: COMMIT });
    const answers = await Promise.all([deliver(service, payload), deliver(service, payload)]);
    const results = await Promise.all(
      answers.map(async (answer) => ((await answer.json()) as { result: string }).result),
    );
    expect(results.sort()).toEqual(['accepted', 'duplicate']);
    await until(() => lines.some((line) => line['event'] === 'run'));
    expect((await deliver(service, payload)).status).toBe(200);
    expect(calls.requeue).toHaveLength(1);
  });

  it.each([
    ['no credentials', ''],
    ['a wrong password', basicAuth(`${secret}-wrong`)],
  ])('answers %s with 401 and a Basic challenge, and does nothing', async (_what, authorization) => {
    const { api, calls } = aWorld();
    const { service } = await serve(api);
    const answer = await deliver(service, aPushPayload({ newObjectId: COMMIT }), authorization);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(calls.queries).toEqual([]);
  });

  it('refuses a body over the limit with 413 and garbage with 400', async () => {
    const { api } = aWorld();
    const { service } = await serve(api, { maxBodyBytes: 2048 });
    expect((await deliver(service, 'x'.repeat(4096))).status).toBe(413);
    expect((await deliver(service, '{not json')).status).toBe(400);
  });

  it('answers 200 "ignored" for another event type and for a push outside the scope', async () => {
    const { api, calls } = aWorld();
    const { service } = await serve(api);
    const other = await deliver(service, { eventType: 'build.complete', id: 'x', resource: {} });
    expect([other.status, await other.json()]).toEqual([200, { result: 'ignored' }]);
    const elsewhere = await deliver(service, aPushPayload({ projectId: 'other-id', projectName: 'Contoso' }));
    expect([elsewhere.status, await elsewhere.json()]).toEqual([200, { result: 'out_of_scope' }]);
    expect(calls.queries).toEqual([]);
  });

  it('answers 503 with Retry-After when the queue is full, and takes the retry once there is room', async () => {
    const { api } = aWorld();
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const slowApi: ChecksApi = {
      ...api,
      listChecks: async (pr, signal) => (await blocked, api.listChecks(pr, signal)),
    };
    const { service, lines } = await serve(slowApi, { maxWaitingBranches: 1, branchConcurrency: 1 });
    const push = (branch: string, notificationId: number) =>
      deliver(
        service,
        aPushPayload({ refName: `refs/heads/${branch}`, notificationId, newObjectId: COMMIT }),
      );
    expect((await push('main', 1)).status).toBe(202);
    expect((await push('develop', 2)).status).toBe(202);
    const refused = await push('release', 3);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    release();
    await until(() => lines.filter((line) => line['event'] === 'run').length === 2);
    expect((await push('release', 3)).status).toBe(202);
  });

  it('sweeps the whole scope on its interval, so a push whose delivery was lost is still requeued', async () => {
    const { api, calls } = aWorld();
    const { lines } = await serve(api, { sweepIntervalMs: 50 });
    await until(() => lines.some((line) => line['event'] === 'run' && line['trigger'] === 'sweep'));
    expect(calls.requeue).toHaveLength(1);
    expect(calls.queries[0]).not.toHaveProperty('targetBranch');
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    const { api } = aWorld();
    const { service } = await serve(api);
    await deliver(service, aPushPayload({ newObjectId: COMMIT }));
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('azdo_requeue_deliveries_total{result="accepted"} 1');
    expect(metrics).toContain('azdo_requeue_queue_depth');
  });

  it('on stop lets running work finish within the grace period and refuses new deliveries', async () => {
    const { api, calls } = aWorld();
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const slowApi: ChecksApi = {
      ...api,
      listChecks: async (pr, signal) => (await blocked, api.listChecks(pr, signal)),
    };
    const { service } = await serve(slowApi);
    await deliver(service, aPushPayload({ newObjectId: COMMIT }));
    const stopped = service.stop(5000);
    setTimeout(release, 50);
    await expect(stopped).resolves.toEqual({ abandoned: 0, finishedInTime: true });
    expect(calls.requeue).toHaveLength(1);
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    running = undefined;
  });
});
