// `azdo-requeue hooks install|list|remove` as an administrator runs it: the built CLI against the emulator's
// `_apis/hooks/subscriptions`. Installing twice keeps one subscription, the job token is refused with the permission
// named, the secret reaches no output, and a push is delivered to the URL installed with the secret.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { assertNoLeak, makeOpaqueToken } from '../support/canary.js';
import { basicAuth } from '../support/hook-payloads.js';
import { runCli, type CliRun } from '../support/run-cli.js';

let emulator: RunningEmulator;
let receiver: Server;
let hookUrl: string;
const received: (string | undefined)[] = [];
const secret = makeOpaqueToken(32);
const runs: CliRun[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ scenario: DEMO_SCENARIO, hooks: { retryDelayScale: 0.001 } });
  receiver = createServer((request, response) => {
    received.push(request.headers.authorization);
    request.resume().on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/azure-devops`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const project = () => emulator.projects[0]?.name ?? '';

async function hooks(args: string[], token: 'pat' | 'job' = 'pat'): Promise<CliRun> {
  const run = await runCli(['hooks', ...args, '--org', emulator.orgUrl], {
    env: {
      AZDO_REQUEUE_HOOK_SECRET: secret,
      ...(token === 'pat'
        ? { AZURE_DEVOPS_EXT_PAT: emulator.tokens.pat }
        : { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken }),
    },
    timeoutMs: 15_000,
  });
  runs.push(run);
  return run;
}

describe('azdo-requeue hooks', () => {
  it('installs once, lists it, delivers a push to it, removes it; the secret reaches no output', async () => {
    const install = ['install', '--url', hookUrl, '--project', project(), '--branch', 'main', '--json'];
    const first = await hooks(install);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await hooks(install);
    expect(second.code).toBe(0);
    const installed = (JSON.parse(first.stdout) as { installed: { id: string; created: boolean }[] })
      .installed;
    const kept = (JSON.parse(second.stdout) as { installed: { id: string; created: boolean }[] }).installed;
    expect(installed).toHaveLength(1);
    expect(installed[0]?.created).toBe(true);
    expect(kept).toEqual([{ ...installed[0], created: false }]);

    const listed = await hooks(['list', '--json']);
    expect(listed.code).toBe(0);
    const subscriptions = (JSON.parse(listed.stdout) as { subscriptions: Record<string, unknown>[] })
      .subscriptions;
    expect(subscriptions).toEqual([
      expect.objectContaining({ id: installed[0]?.id, url: hookUrl, branch: 'main', status: 'enabled' }),
    ]);
    expect(subscriptions[0]?.['recentFailures']).toBe(0);

    emulator.control.push({ project: project(), branch: 'main' });
    const deadline = Date.now() + 5000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(received[0]).toBe(basicAuth(secret));

    const removed = await hooks(['remove', '--url', hookUrl, '--project', project()]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('removed 1 subscription');
    const after = await hooks(['list', '--json']);
    expect(JSON.parse(after.stdout)).toEqual({ subscriptions: [] });
    assertNoLeak(
      Object.fromEntries(
        runs.flatMap((run, index) => [
          [`stdout ${index}`, run.stdout],
          [`stderr ${index}`, run.stderr],
        ]),
      ),
      secret,
    );
  });

  it('exits 3 naming "Edit subscriptions" when the job token installs', async () => {
    const run = await hooks(['install', '--url', hookUrl, '--project', project()], 'job');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Edit subscriptions');
    assertNoLeak({ stdout: run.stdout, stderr: run.stderr }, secret);
  });

  it('exits 2 for a plain-http URL to another host and for a missing --project', async () => {
    const http = await hooks(['install', '--url', 'http://example.com/hooks', '--project', project()]);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('--url must be https');
    const noProject = await hooks(['remove', '--url', hookUrl]);
    expect(noProject.code).toBe(2);
  });
});
