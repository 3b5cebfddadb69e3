// The bundled task (one main.js, no node_modules) run as the agent runs it, against the emulator: the ##vso
// stream, the run summary and the emulator's record of requeues (issue #6, deliverable 6).
import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { deriveSecretForms } from '../../src/redaction/index.js';
import { commandsNamed } from './support/run-task-process.js';
import {
  bundleTaskInto,
  completion,
  removeTemporaryDirectories,
  runBundledTask,
  type ObservedTaskRun,
} from './support/task-harness.js';
import { INJECTED_TITLE, PR, TASK_SCENARIO } from './support/task-scenario.js';

let taskDirectory: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  [taskDirectory, emulator] = await Promise.all([
    bundleTaskInto('azdo-requeue-task-'),
    startEmulator({ scenario: TASK_SCENARIO }),
  ]);
});
// Temporary folders first: they go even when the setup failed before the emulator started.
afterAll(async () => {
  await removeTemporaryDirectories();
  await emulator.close();
});
beforeEach(() => emulator.control.reset());

const requeuedPullRequests = (): number[] =>
  emulator.control
    .requeues()
    .map((record) => record.pullRequestId)
    .sort((a, b) => a - b);

/** Every line that is not itself a setsecret command. */
const printedLines = (run: ObservedTaskRun): string[] => {
  const secretLines = new Set(commandsNamed(run, 'task.setsecret').map((command) => command.line));
  return run.lines.filter((_, index) => !secretLines.has(index));
};

describe('the bundled task on a scheduled run', () => {
  it('requeues every expired check in scope exactly once, and leaves drafts, conflicts and fresh checks', async () => {
    const run = await runBundledTask(taskDirectory, emulator);

    expect(run.exitCode).toBe(0);
    expect(completion(run)).toEqual({
      result: 'Succeeded',
      message: 'requeued 4 of 5 build checks in 7 pull requests; 1 skipped',
    });
    expect(requeuedPullRequests()).toEqual([
      PR.expiredOnMain,
      PR.injectionOnMain,
      PR.expiredOnDevelop,
      PR.expiredApi,
    ]);
    const evaluations = emulator.control.requeues().map((record) => record.evaluationId);
    expect(new Set(evaluations).size).toBe(evaluations.length);
  });

  it('registers every form of the job token before printing anything with it and before its first request', async () => {
    const token = emulator.tokens.jobToken;

    const run = await runBundledTask(taskDirectory, emulator);

    const registered = commandsNamed(run, 'task.setsecret').map((command) => command.message);
    const forms = deriveSecretForms(token);
    expect(registered).toEqual(
      expect.arrayContaining([token, Buffer.from(`:${token}`).toString('base64'), ...forms]),
    );
    for (const line of printedLines(run)) for (const form of forms) expect(line).not.toContain(form);
    // When the first request reached the emulator, the task had already printed every setsecret line.
    const before = run.stdoutAtFirstRequest ?? '';
    for (const form of forms) expect(before).toContain(`##vso[task.setsecret]${form}`);
    const log = emulator.control.requestLog();
    expect(log.length).toBe(run.proxiedRequests);
    expect(log[0]?.token).toBe('job');
    expect(log[0]?.scheme).toBe('Bearer');
  });

  it('traces its HTTP calls as task.debug lines when the run has System.Debug, with no token in them', async () => {
    const run = await runBundledTask(taskDirectory, emulator, { build: { SYSTEM_DEBUG: 'true' } });

    const debug = commandsNamed(run, 'task.debug').map((command) => command.message);
    expect(
      debug.filter((line) => /PATCH .*\/policy\/evaluations\//i.test(line)).length,
    ).toBeGreaterThanOrEqual(4);
    for (const line of debug) {
      for (const form of deriveSecretForms(emulator.tokens.jobToken)) expect(line).not.toContain(form);
    }
  });

  it('reports progress, warns about nothing normal, and uploads a readable summary from the temp directory', async () => {
    const run = await runBundledTask(taskDirectory, emulator);

    const progress = commandsNamed(run, 'task.setprogress').map((command) =>
      Number(command.properties['value']),
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((value) => value >= 0 && value <= 100)).toBe(true);
    expect(commandsNamed(run, 'task.logissue')).toEqual([]);
    const [upload] = commandsNamed(run, 'task.uploadsummary');
    expect(upload?.message.startsWith(run.tempDirectory)).toBe(true);
    const summary = run.summary ?? '';
    expect(summary).toMatch(
      /^## azdo-requeue\n\n\| pull requests \| build checks \| requeued \| skipped \| failed \|/,
    );
    expect(summary).toContain('| 7 | 5 | 4 | 1 | 0 |');
    expect(summary).toContain(
      'Builds not started because they could not help: 1 draft pull request, 1 with merge conflicts.',
    );
    const rows = summary.split('\n').filter((line) => line.startsWith('| ['));
    expect(rows.slice(0, 4).every((row) => row.includes('| requeued: [build '))).toBe(true);
    expect(rows[0]).toMatch(/^\| \[!\d+ .+\]\(http:\/\/127\.0\.0\.1:\d+\/fabrikam\/.+\/pullrequest\/\d+\)/);
    for (const form of deriveSecretForms(emulator.tokens.jobToken)) expect(summary).not.toContain(form);
  });

  it('neutralises a logging command hidden in a pull request title (checklist B9)', async () => {
    const run = await runBundledTask(taskDirectory, emulator);

    expect(run.lines.some((line) => line.includes(INJECTED_TITLE.replace('##', '**')))).toBe(true);
    for (const line of run.lines) expect(line.slice(1)).not.toMatch(/##vso\[/i);
    expect(run.commands.some((command) => command.command === 'task.setvariable')).toBe(false);
    expect(run.summary).not.toMatch(/##vso\[/i);
  });

  it('warns about the checks the requeue limit left for the next run, and still succeeds', async () => {
    const run = await runBundledTask(taskDirectory, emulator, { inputs: { maxRequeues: '1' } });

    expect(completion(run).result).toBe('Succeeded');
    expect(emulator.control.requeues()).toHaveLength(1);
    const warnings = commandsNamed(run, 'task.logissue').filter(
      (command) => command.properties['type'] === 'warning',
    );
    expect(warnings.map((command) => command.message)).toEqual([
      '3 expired build checks were not requeued because the requeue limit (maxRequeues / --max-requeues) was reached; the next run picks them up, or raise the limit',
    ]);
    expect(run.summary).toContain('Left for the next run: 3 over the requeue limit.');
  });

  it('requeues nothing on a dry run and says what it would have done', async () => {
    const run = await runBundledTask(taskDirectory, emulator, { inputs: { dryRun: 'true' } });

    expect(completion(run).message).toBe('would requeue 4 of 5 build checks in 7 pull requests; 1 skipped');
    expect(requeuedPullRequests()).toEqual([]);
    expect(run.summary).toMatch(/^## azdo-requeue \(dry run: nothing was requeued\)/);
  });
});

describe('the bundled task on a CI run', () => {
  it('limits itself to the pull requests of the pushed repository that target the pushed branch', async () => {
    const web = emulator.control
      .state()
      .projects[0]?.repositories.find((repository) => repository.name === 'web');

    const run = await runBundledTask(taskDirectory, emulator, {
      build: {
        BUILD_REASON: 'IndividualCI',
        BUILD_REPOSITORY_ID: web?.id ?? '',
        BUILD_REPOSITORY_NAME: 'web',
        BUILD_SOURCEBRANCH: 'refs/heads/main',
      },
    });

    expect(completion(run).result).toBe('Succeeded');
    expect(requeuedPullRequests()).toEqual([PR.expiredOnMain, PR.injectionOnMain]);
    const listings = emulator.control.requestLog().filter((entry) => /\/pullrequests$/i.test(entry.path));
    expect(listings.length).toBeGreaterThan(0);
    for (const listing of listings) {
      expect(listing.query).toContain(`searchCriteria.repositoryId=${web?.id ?? ''}`);
      expect(decodeURIComponent(listing.query)).toContain('searchCriteria.targetRefName=refs/heads/main');
    }
  });
});

describe('the bundled task when the job is cancelled', () => {
  it("finishes what is in flight, requeues nothing more, and completes as Canceled in the agent's spelling", async () => {
    emulator.control.setLatency(150);
    try {
      const run = await runBundledTask(taskDirectory, emulator, { signalOnFirstRequest: 'SIGINT' });

      expect(run.exitCode).toBe(1);
      const complete = commandsNamed(run, 'task.complete').at(-1);
      // task-lib's TaskResult.Cancelled would write "Cancelled", which the agent refuses as an invalid result.
      expect(complete?.properties['result']).toBe('Canceled');
      expect(complete?.message).toMatch(/^stopped before finishing: requeued 0 of the \d+ build checks read/);
      expect(requeuedPullRequests()).toEqual([]);
    } finally {
      emulator.control.setLatency(0);
    }
  });
});

describe('the bundled task when it cannot authenticate', () => {
  it('fails with the reason when the job token is not accepted, and requeues nothing', async () => {
    const wrongToken = [
      '{"typ":"JWT"}',
      `{"n":"${randomBytes(12).toString('hex')}"}`,
      randomBytes(32).toString('hex'),
    ]
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.');

    const run = await runBundledTask(taskDirectory, emulator, { jobToken: wrongToken });

    expect(run.exitCode).toBe(1);
    const { result, message } = completion(run);
    expect(result).toBe('Failed');
    expect(message).toMatch(/^authentication failed: .*401.*the job token was not accepted/);
    expect(requeuedPullRequests()).toEqual([]);
    for (const line of printedLines(run)) expect(line).not.toContain(wrongToken);
  });

  it('authenticates with a PAT from its secret input without ever echoing it', async () => {
    const pat = emulator.tokens.pat;

    const run = await runBundledTask(taskDirectory, emulator, {
      inputs: { authentication: 'pat', personalAccessToken: pat },
    });

    expect(completion(run).result).toBe('Succeeded');
    expect(emulator.control.requestLog()[0]?.token).toBe('pat');
    const forms = deriveSecretForms(pat);
    expect(commandsNamed(run, 'task.setsecret').map((command) => command.message)).toEqual(
      expect.arrayContaining(forms),
    );
    for (const line of printedLines(run)) for (const form of forms) expect(line).not.toContain(form);
    expect(run.lines.some((line) => /personalAccessToken=/i.test(line))).toBe(false);
    expect(
      commandsNamed(run, 'task.logissue')
        .map((command) => command.message)
        .join('\n'),
    ).toMatch(/personal access token/);
  });

  it('fails and names the permission to grant when the build identity may not requeue (TF401027)', async () => {
    const identity = {
      ...TASK_SCENARIO.identity,
      denied: [{ token: 'job' as const, permission: 'PullRequestContribute' as const }],
    };
    const denying = await startEmulator({ scenario: { ...TASK_SCENARIO, identity } });
    try {
      const run = await runBundledTask(taskDirectory, denying);

      const { result, message } = completion(run);
      expect(result).toBe('Failed');
      expect(message).toMatch(
        /^a requeue was refused \(TF401027\): grant the build service identity .*"Contribute to pull requests"/,
      );
      const errors = commandsNamed(run, 'task.logissue').filter(
        (command) => command.properties['type'] === 'error',
      );
      expect(errors).toHaveLength(4);
      expect(errors[0]?.message).toMatch(
        /^PR \d+ \((web|api)\) "(web|api) CI": requeue failed: .*\[TF401027\]$/,
      );
      expect(denying.control.requeues()).toEqual([]);
      expect(run.summary).toContain('**failed** (TF401027)');
    } finally {
      await denying.close();
    }
  });
});
