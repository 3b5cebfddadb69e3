// The serve scenario: `azdo-requeue serve` behind a service hook subscription on the emulator (20 ms per call,
// re-merge delay 0); each push through the control API is timed from the emulator's own records: push → last
// requeue PATCH answered, and push → delivery answered. Between pushes every build completes, so the next push
// expires the same 300 checks again.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulatorProcess, type StartedEmulator } from './emulator-process.js';
import {
  SERVE_BRANCH,
  SERVE_PROJECT,
  SERVE_REPOSITORY,
  SERVE_SPEC,
  serveScenario,
} from './serve-scenario.js';
import { pushLatency, summarizeServe, type PushLatency, type ServeSummary } from './serve-latency.js';

export const SERVE_LATENCY_MS = 20;
const SETTLE_TIMEOUT_MS = 60_000;
/**
 * serve is a long-running process: its first pushes run while V8 still compiles the request path (serve's CPU per
 * push falls from about 0.9 s to 0.4 s over the first three). They are timed and kept in serve.json, apart.
 */
const WARM_UP_PUSHES = 3;

export interface ServeMeasurement {
  readonly settings: {
    readonly pullRequests: number;
    readonly intoPushedBranch: number;
    readonly latencyMs: number;
    readonly remergeDelayMs: number;
    readonly warmUpPushes: number;
  };
  readonly warmUp: PushLatency[];
  readonly pushes: PushLatency[];
  readonly summary: ServeSummary;
}

interface ServeOptions {
  readonly distDir: string;
  readonly baseEnv: Record<string, string>;
  readonly scratch: string;
  readonly pushes: number;
  readonly say: (text: string) => void;
}

/** serve's stderr, line by line: counts the push runs it finished (one `"event":"run"` line each). */
function watchRuns(child: ChildProcessWithoutNullStreams) {
  let partial = '';
  let runs = 0;
  const tail: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"event":"run"') && line.includes('"trigger":"push"')) runs += 1;
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  });
  return { runs: () => runs, tail: () => tail.join('\n') };
}

async function startServe(distDir: string, env: Record<string, string>, emulator: StartedEmulator) {
  const args = ['serve', '--org', emulator.orgUrl, '--project', SERVE_PROJECT, '--port', '0', '--json'];
  const child = spawn(process.execPath, [join(distDir, 'cli', 'main.js'), ...args, '--sweep-interval', '0'], {
    env,
  });
  const watch = watchRuns(child);
  const start = await new Promise<{ hookUrl: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(stdout.slice(0, newline)) as { hookUrl: string });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${watch.tail()}`)));
  });
  return { child, hookUrl: start.hookUrl, runs: watch.runs };
}

async function subscribe(emulator: StartedEmulator, hookUrl: string, secret: string): Promise<void> {
  const response = await fetch(`${emulator.orgUrl}/_apis/hooks/subscriptions?api-version=7.1`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`:${emulator.pat}`).toString('base64')}`,
    },
    body: JSON.stringify({
      publisherId: 'tfs',
      eventType: 'git.push',
      consumerId: 'webHooks',
      consumerActionId: 'httpRequest',
      publisherInputs: { projectId: emulator.projectId },
      consumerInputs: { url: hookUrl, basicAuthUsername: 'azdo-requeue', basicAuthPassword: secret },
    }),
  });
  if (!response.ok) throw new Error(`creating the subscription answered ${response.status}`);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`serve bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * One push, timed from the emulator's records once serve logged the end of its run. Nothing asks the emulator
 * anything while the push is worked on: polling its requeue record (which grows by 300 a push) every 50 ms cost
 * the emulator, on the same two cores, about as much CPU as serving serve's calls.
 */
async function timePush(emulator: StartedEmulator, runs: () => number): Promise<PushLatency> {
  const { control } = emulator;
  const seqBefore = (await control.requests()).at(-1)?.seq ?? 0;
  const notificationsBefore = (await control.hookNotifications()).length;
  const runsBefore = runs();
  await control.push({ project: SERVE_PROJECT, repository: SERVE_REPOSITORY, branch: SERVE_BRANCH });
  await until(() => runs() > runsBefore, 'serve to finish the push');
  // A little longer: a requeue beyond the expected ones would show up as a wrong PATCH count.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const notification = (await control.hookNotifications())[notificationsBefore];
  if (notification === undefined) throw new Error('serve bench: the push notified no subscription');
  const requests = (await control.requests()).filter(
    (entry) =>
      entry.seq > seqBefore && entry.status > 0 && entry.status < 300 && !entry.path.startsWith('/_emulator'),
  );
  await control.completeBuilds();
  return pushLatency({
    pushedAtMs: notification.createdMs,
    deliveryAnsweredAtMs: notification.attempts[0]?.atMs,
    requests,
  });
}

export async function measureServe(options: ServeOptions): Promise<ServeMeasurement> {
  const file = join(options.scratch, 'serve.json');
  writeFileSync(file, `${JSON.stringify(serveScenario())}\n`);
  const emulator = await startEmulatorProcess(options.distDir, file);
  let serve: ChildProcessWithoutNullStreams | undefined;
  try {
    await emulator.control.setLatency(SERVE_LATENCY_MS);
    await emulator.control.setRemergeDelay(0);
    const secret = randomBytes(24).toString('base64url');
    const env = {
      ...options.baseEnv,
      NO_PROXY: '127.0.0.1',
      SYSTEM_ACCESSTOKEN: emulator.jobToken,
      AZDO_REQUEUE_HOOK_SECRET: secret,
    };
    const started = await startServe(options.distDir, env, emulator);
    serve = started.child;
    await subscribe(emulator, started.hookUrl, secret);
    const expected = SERVE_SPEC.intoPushedBranch;
    const warmUp: PushLatency[] = [];
    for (let index = 0; index < WARM_UP_PUSHES; index++) warmUp.push(await timePush(emulator, started.runs));
    const pushes: PushLatency[] = [];
    for (let index = 0; index < options.pushes; index++) {
      const latency = await timePush(emulator, started.runs);
      pushes.push(latency);
      options.say(
        `[serve] push ${index + 1}/${options.pushes}: last PATCH ${latency.pushToLastPatchMs?.toFixed(0)} ms, ` +
          `delivery answered ${latency.deliveryAnswerMs?.toFixed(0)} ms, first call ${latency.firstCallMs?.toFixed(0)} ms, ` +
          `${latency.requests} calls, ${latency.patches} PATCHes`,
      );
    }
    return {
      settings: {
        pullRequests: SERVE_SPEC.pullRequests,
        intoPushedBranch: expected,
        latencyMs: SERVE_LATENCY_MS,
        remergeDelayMs: 0,
        warmUpPushes: warmUp.length,
      },
      warmUp,
      pushes,
      summary: summarizeServe(pushes, expected),
    };
  } finally {
    serve?.kill('SIGTERM');
    await emulator.close();
  }
}
