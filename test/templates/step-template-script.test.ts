// Runs the step template's bash script with a stand-in `npx` that prints its arguments, to prove which command
// line each kind of run produces (CI: the pushed repository and branch; otherwise everything or the parameters).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'step-template-'));
  const template = parse(
    await readFile(fileURLToPath(new URL('../../templates/steps/azdo-requeue.yml', import.meta.url)), 'utf8'),
  ) as { steps: { bash: string }[] };
  await writeFile(join(directory, 'step.sh'), template.steps[0]?.bash ?? '');
  // One argument per line, so the test sees exactly how the shell split them.
  await writeFile(join(directory, 'npx'), '#!/bin/sh\nprintf "%s\\n" "$@"\n');
  await chmod(join(directory, 'npx'), 0o755);
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** The arguments npx received, for the environment the template's `env:` block and the agent would give. */
async function argumentsFor(env: Record<string, string>): Promise<string[]> {
  const { stdout } = await promisify(execFile)('bash', [join(directory, 'step.sh')], {
    env: {
      PATH: `${directory}:/usr/bin:/bin`,
      REQUEUE_VERSION: '1.0.0',
      REQUEUE_PROJECTS: '',
      REQUEUE_REPOSITORIES: '',
      REQUEUE_TARGET_BRANCHES: '',
      REQUEUE_LIMIT_TO_PUSH: 'True',
      REQUEUE_MAX_REQUEUES: '',
      REQUEUE_MAX_BUILDS_IN_FLIGHT: '',
      REQUEUE_RETRY_FAILED: 'False',
      REQUEUE_DRY_RUN: 'False',
      BUILD_REPOSITORY_ID: '7a2d3e5f-0000-4000-8000-000000000002',
      BUILD_SOURCEBRANCH: 'refs/heads/main',
      ...env,
    },
  });
  return stdout.split('\n').filter((line) => line !== '');
}

describe('the step template script', () => {
  it.each(['Schedule', 'Manual'])('scans everything on a %s run', async (reason) => {
    expect(await argumentsFor({ BUILD_REASON: reason })).toEqual(['--yes', 'azdo-requeue@1.0.0']);
  });

  it.each(['IndividualCI', 'BatchedCI'])(
    'limits a %s run to the pushed repository and branch',
    async (reason) => {
      expect(await argumentsFor({ BUILD_REASON: reason })).toEqual([
        '--yes',
        'azdo-requeue@1.0.0',
        '--repository',
        '7a2d3e5f-0000-4000-8000-000000000002',
        '--target-branch',
        'refs/heads/main',
      ]);
    },
  );

  it('passes the parameters, each value as one argument, and keeps them on a CI run', async () => {
    const args = await argumentsFor({
      BUILD_REASON: 'IndividualCI',
      REQUEUE_PROJECTS: 'Contoso Web,Api',
      REQUEUE_TARGET_BRANCHES: 'main,release/1.0',
      REQUEUE_MAX_REQUEUES: '10',
      REQUEUE_MAX_BUILDS_IN_FLIGHT: '2',
      REQUEUE_RETRY_FAILED: 'True',
      REQUEUE_DRY_RUN: 'True',
    });

    expect(args).toEqual([
      '--yes',
      'azdo-requeue@1.0.0',
      '--project',
      'Contoso Web',
      '--project',
      'Api',
      '--target-branch',
      'main',
      '--target-branch',
      'release/1.0',
      '--max-requeues',
      '10',
      '--max-builds-in-flight',
      '2',
      '--retry-failed',
      '--dry-run',
    ]);
  });

  it('treats a value as data, never as shell code', async () => {
    const args = await argumentsFor({ BUILD_REASON: 'Schedule', REQUEUE_REPOSITORIES: '$(touch pwned);x' });

    expect(args).toEqual(['--yes', 'azdo-requeue@1.0.0', '--repository', '$(touch pwned);x']);
  });

  it.each(['1', '^1.0.0', 'latest', '1.0.0 --registry=https://x'])(
    'refuses the version %j: only an exact version runs with the job token',
    async (version) => {
      await expect(argumentsFor({ BUILD_REASON: 'Schedule', REQUEUE_VERSION: version })).rejects.toThrow(
        /must be an exact version/,
      );
    },
  );
});
