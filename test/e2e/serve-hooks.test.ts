// `azdo-requeue serve` tried as a user would: the built CLI against the emulator with a service hook subscription;
// a push through the control API is delivered, and exactly the checks it expired are requeued, each once.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { expectedRequeues } from '../support/expected-requeues.js';
import { aPushPayload, basicAuth } from '../support/hook-payloads.js';
import { spawnServe } from '../support/serve-process.js';

let emulator: RunningEmulator;
let child: ChildProcessWithoutNullStreams | undefined;
const secret = randomBytes(24).toString('base64');

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: DEMO_SCENARIO,
    hooks: { remergeDelayMs: 50, retryDelayScale: 0.001 },
  });
});
afterAll(() => emulator.close());
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function startServe(extra: string[] = []) {
  emulator.control.reset();
  emulator.control.setHookSettings({ remergeDelayMs: 50 });
  const project = emulator.projects[0]?.name ?? '';
  const { serve, start, output } = await spawnServe(emulator, secret, extra);
  child = serve;
  const subscription = await fetch(`${emulator.orgUrl}/_apis/hooks/subscriptions?api-version=7.1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuth(emulator.tokens.pat, '') },
    body: JSON.stringify({
      publisherId: 'tfs',
      eventType: 'git.push',
      consumerId: 'webHooks',
      consumerActionId: 'httpRequest',
      publisherInputs: { projectId: emulator.projects[0]?.id ?? '' },
      consumerInputs: { url: start.hookUrl, basicAuthUsername: 'azdo-requeue', basicAuthPassword: secret },
    }),
  });
  expect(subscription.status).toBe(200);
  return { serve, start, project, output };
}

async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('azdo-requeue serve with the emulator', () => {
  it('requeues exactly the eligible checks a push expired, each once, after the re-merge', async () => {
    const { project, output } = await startServe();
    const push = emulator.control.push({ project, branch: 'main' });
    await until(() => (output.stderr.match(/"event":"run"/g) ?? []).length >= push.pushed.length);
    // The oracle: the same scenario, pushed with a re-merge inside the push, read from the emulator's own state.
    const oracle = await startEmulator({ scenario: DEMO_SCENARIO });
    const oraclePush = oracle.control.push({ project, branch: 'main' });
    const state = oracle.control.state();
    const pushedRepositories = new Set(oraclePush.pushed.map((branch) => branch.repositoryId));
    const inPushedBranch = new Set(
      state.pullRequests.filter((pr) => pushedRepositories.has(pr.repositoryId)).map((pr) => pr.id),
    );
    const expected = [...expectedRequeues(state, { targetRefName: 'refs/heads/main' })].filter((id) =>
      inPushedBranch.has(
        state.evaluations.find((evaluation) => evaluation.evaluationId === id)?.pullRequestId ?? -1,
      ),
    );
    await oracle.close();
    const requeued = emulator.control.requeues().map((record) => record.evaluationId);
    expect(expected.length).toBeGreaterThan(0);
    expect(requeued.sort()).toEqual(expected.sort());
    expect(output.stderr).toContain('"trigger":"push"');
    expect(output.stderr).not.toContain(secret);
    expect(emulator.control.hookNotifications().every((n) => n.result === 'succeeded')).toBe(true);
  });

  it('answers a wrong secret with 401 and a redelivery with 200 duplicate; SIGTERM drains and exits 0', async () => {
    const { serve, start } = await startServe();
    const payload = aPushPayload({
      projectId: emulator.projects[0]?.id ?? '',
      projectName: emulator.projects[0]?.name ?? '',
    });
    const wrong = await fetch(start.hookUrl, {
      method: 'POST',
      headers: { authorization: basicAuth('wrong-secret-value') },
      body: JSON.stringify(payload),
    });
    expect(wrong.status).toBe(401);
    const deliver = () =>
      fetch(start.hookUrl, {
        method: 'POST',
        headers: { authorization: basicAuth(secret) },
        body: JSON.stringify(payload),
      });
    expect((await deliver()).status).toBe(202);
    expect(await (await deliver()).json()).toEqual({ result: 'duplicate' });
    const exited = new Promise<number | null>((resolve) => serve.once('close', resolve));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
