// Service hooks in the emulator: subscriptions over REST, and a push delivered to a Web Hooks receiver with its
// Basic auth, the real payload shape, the retry schedule (scaled down) and the asynchronous re-merge.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call } from './support/emulator-http.js';

let emulator: RunningEmulator;
let receiver: Server;
let receiverUrl: string;
const received: { authorization: string | undefined; body: Record<string, unknown> }[] = [];
let answers: number[] = [];
const password = randomBytes(18).toString('base64');

beforeAll(async () => {
  emulator = await startEmulator({ scenario: DEMO_SCENARIO, hooks: { retryDelayScale: 0.001 } });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        authorization: request.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/azure-devops`;
});

afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  emulator.control.reset();
  emulator.control.setHookSettings({ remergeDelayMs: undefined, retryDelayScale: 0.001 });
  received.length = 0;
  answers = [];
});

const project = () => emulator.projects[0] ?? { id: '', name: '' };

function subscribe(token: 'pat' | 'job' = 'pat', branch = 'main') {
  return call(emulator, '/_apis/hooks/subscriptions', {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      publisherId: 'tfs',
      eventType: 'git.push',
      resourceVersion: '1.0',
      consumerId: 'webHooks',
      consumerActionId: 'httpRequest',
      publisherInputs: { projectId: project().id, branch },
      consumerInputs: { url: receiverUrl, basicAuthUsername: 'azdo-requeue', basicAuthPassword: password },
    }),
  });
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('emulator service hooks', () => {
  it('creates, lists, gets and deletes a subscription, never returning the password', async () => {
    const created = await subscribe();
    expect(created.status).toBe(200);
    const id = (created.json as { id: string }).id;
    const listed = await call(emulator, '/_apis/hooks/subscriptions?eventType=git.push', { token: 'pat' });
    expect(listed.json).toMatchObject({
      count: 1,
      value: [{ id, status: 'enabled', eventType: 'git.push' }],
    });
    const one = await call(emulator, `/_apis/hooks/subscriptions/${id}`, { token: 'pat' });
    expect(one.text).not.toContain(password);
    expect(one.json).toMatchObject({
      consumerInputs: { url: receiverUrl, basicAuthUsername: 'azdo-requeue' },
    });
    expect(
      (await call(emulator, `/_apis/hooks/subscriptions/${id}`, { method: 'DELETE', token: 'pat' })).status,
    ).toBe(204);
    expect((await call(emulator, `/_apis/hooks/subscriptions/${id}`, { token: 'pat' })).status).toBe(404);
  });

  it('refuses the job token: it lacks "Edit subscriptions"', async () => {
    const refused = await subscribe('job');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Edit subscriptions');
  });

  it('posts the git.push event of a matching push with Basic auth, and none for another branch', async () => {
    await subscribe();
    emulator.control.push({ project: project().name, branch: 'develop' });
    const push = emulator.control.push({ project: project().name, branch: 'main' });
    await until(() => received.length === push.pushed.length);
    const first = received[0];
    expect(first?.authorization).toBe(`Basic ${Buffer.from(`azdo-requeue:${password}`).toString('base64')}`);
    const pushed = push.pushed.find(
      (branch) =>
        branch.repositoryId === (first?.body['resource'] as { repository: { id: string } }).repository.id,
    );
    expect(first?.body).toMatchObject({
      eventType: 'git.push',
      publisherId: 'tfs',
      notificationId: expect.any(Number) as number,
      resource: {
        refUpdates: [
          { name: 'refs/heads/main', oldObjectId: pushed?.oldCommitId, newObjectId: pushed?.commitId },
        ],
        repository: { project: { id: project().id, name: project().name } },
      },
    });
  });

  it('retries 503 on the schedule, then records the success', async () => {
    const repositoryId = emulator.control.push({ project: project().name, branch: 'main' }).pushed[0]
      ?.repositoryId;
    await subscribe();
    answers = [503, 503, 200];
    emulator.control.push({ project: project().name, repository: repositoryId ?? '', branch: 'main' });
    await until(() => emulator.control.hookNotifications().some((n) => n.result === 'succeeded'));
    const notification = emulator.control.hookNotifications().find((n) => n.result === 'succeeded');
    expect(notification?.attempts.slice(0, 3).map((attempt) => attempt.status)).toEqual([503, 503, 200]);
  });

  it('re-merges after the configured delay, so the checks expire after the push', async () => {
    emulator.control.setHookSettings({ remergeDelayMs: 100 });
    const push = emulator.control.push({ project: project().name, branch: 'main' });
    expect(push.pullRequestIds).toEqual([]);
    const target = push.pushed[0];
    const stateOf = () =>
      emulator.control
        .state()
        .pullRequests.filter(
          (pr) =>
            pr.repositoryId === target?.repositoryId &&
            pr.targetRefName === 'refs/heads/main' &&
            pr.status === 'active',
        );
    expect(stateOf().every((pr) => pr.lastMergeTargetCommit !== target?.commitId)).toBe(true);
    await until(() => stateOf().every((pr) => pr.lastMergeTargetCommit === target?.commitId));
  });
});
