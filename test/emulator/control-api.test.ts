// The HTTP control API under /_emulator/: state, logs, push, builds, clock, faults, latency, reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, control, items, record } from './support/emulator-http.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});

afterAll(async () => {
  await emu.close();
});

describe('/_emulator control API', () => {
  it('serves the state with projects, PRs, policies, evaluations and builds', async () => {
    const answer = await control(emu, 'GET', 'state');

    const state = record(answer.json);
    expect(answer.status).toBe(200);
    for (const key of ['projects', 'pullRequests', 'policies', 'evaluations', 'builds', 'counters']) {
      expect(Array.isArray(state[key]) || typeof state[key] === 'object').toBe(true);
    }
    expect((state['pullRequests'] as unknown[]).length).toBe(31);
  });

  it('logs requests with identity, scheme and the URL as received, since a sequence number', async () => {
    const before = emu.control.requestLog().at(-1)?.seq ?? 0;
    await call(emu, '/_apis/projects?%24top=1', { token: 'pat' });

    const answer = await control(emu, 'GET', `requests?since=${before}`);

    const entries = answer.json as Record<string, unknown>[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/fabrikam/_apis/projects',
      query: '%24top=1',
      url: '/fabrikam/_apis/projects?%24top=1',
      status: 200,
      token: 'pat',
      scheme: 'Basic',
      identity: 'Emulator User',
      authorization: true,
      fault: null,
    });
  });

  it('pushes, advances the clock, completes builds and lists requeues', async () => {
    const push = await control(emu, 'POST', 'push', {
      project: 'Platform',
      repository: 'tools',
      branch: 'main',
    });
    const complete = await control(emu, 'POST', 'builds/complete', { all: true, result: 'succeeded' });
    const clock = await control(emu, 'POST', 'clock/advance', { minutes: 90 });
    const requeues = await control(emu, 'GET', 'requeues');

    expect(record(push.json)['pullRequestIds']).toHaveLength(4);
    expect(record(push.json)['expiredEvaluations']).toBe(4);
    expect(String(record(clock.json)['now'])).toMatch(/Z$/);
    expect((record(complete.json)['completed'] as unknown[]).length).toBeGreaterThan(0);
    expect(requeues.json).toEqual([]);
  });

  it('sets faults and latency, refuses invalid ones, and resets everything', async () => {
    const faults = await control(emu, 'PUT', 'faults', {
      requests: [{ kind: 'status', status: 503, count: 1 }],
    });
    const invalid = await control(emu, 'PUT', 'faults', { requests: [{ kind: 'explode' }] });
    const latency = await control(emu, 'PUT', 'latency', { ms: 5 });
    const faulted = await call(emu, '/_apis/projects');
    const reset = await control(emu, 'POST', 'reset');

    expect(faults.status).toBe(200);
    expect(invalid.status).toBe(400);
    expect(String(record(invalid.json)['message'])).toContain('kind must be one of');
    expect(latency.json).toEqual({ ms: 5 });
    expect(faulted.status).toBe(503);
    expect(reset.status).toBe(200);
    expect(emu.control.requestLog()).toEqual([]);
    expect(emu.control.faults()).toEqual({});
    expect(emu.control.state().counters.pushes).toBe(0);
  });

  it('completes or abandons an active pull request: it leaves the active listing and reads closed', async () => {
    emu.control.reset();
    const pr = emu.control.state().pullRequests.find((entry) => entry.status === 'active');
    if (!pr) throw new Error('the default scenario has no active pull request');
    const listed = async (): Promise<number[]> =>
      items((await call(emu, `/${pr.projectId}/_apis/git/pullrequests?$top=1000`)).json).map((entry) =>
        Number(entry['pullRequestId']),
      );
    expect(await listed()).toContain(pr.id);

    const closed = await control(emu, 'POST', 'pullrequests/close', { id: pr.id, status: 'abandoned' });
    const again = await control(emu, 'POST', 'pullrequests/close', { id: pr.id, status: 'completed' });
    const unknownStatus = await control(emu, 'POST', 'pullrequests/close', { id: pr.id, status: 'merged' });

    expect(closed.status).toBe(200);
    expect(closed.json).toEqual({ id: pr.id, status: 'abandoned' });
    expect(await listed()).not.toContain(pr.id);
    const read = await call(emu, `/${pr.projectId}/_apis/git/pullrequests/${pr.id}`);
    expect(record(read.json)['status']).toBe('abandoned');
    expect(again.status).toBe(400);
    expect(String(record(again.json)['message'])).toContain('already abandoned');
    expect(unknownStatus.status).toBe(400);
    emu.control.reset();
  });

  it('answers unknown actions with 404 and bad input with 400', async () => {
    const unknown = await control(emu, 'GET', 'nothing');
    const bad = await control(emu, 'POST', 'push', { project: 'Platform' });

    expect(unknown.status).toBe(404);
    expect(bad.status).toBe(400);
  });
});
