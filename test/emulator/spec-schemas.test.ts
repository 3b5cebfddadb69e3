// Emulator answers validated against the 7.1 OpenAPI definitions (shared/azdo-rest-specs) with ajv.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { call, items } from './support/emulator-http.js';
import { createSpecValidators } from './support/spec-schemas.js';

const validator = createSpecValidators();
let emu: RunningEmulator;
let projectId: string;

beforeAll(async () => {
  emu = await startEmulator();
  emu.control.push({ branch: 'main' });
  emu.control.completeBuilds({ all: true, result: 'failed' });
  projectId = emu.projects[0]?.id ?? '';
});

afterAll(async () => {
  await emu.close();
});

function expectValid(area: string, definition: string, values: unknown[]): void {
  const validate = validator(area, definition);
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) {
    const valid = validate(value);
    expect(valid ? [] : validate.errors).toEqual([]);
  }
}

async function listOf(path: string, version = '7.1'): Promise<Record<string, unknown>[]> {
  return items((await call(emu, path, { version })).json);
}

describe('answers match the 7.1 specs', () => {
  it('pull requests (list items and single GETs) are GitPullRequest', async () => {
    const list = await listOf(
      `/${projectId}/_apis/git/pullRequests?searchCriteria.status=all&searchCriteria.includeLinks=true`,
    );
    const singles = await Promise.all(
      list
        .slice(0, 8)
        .map(async (pr) => (await call(emu, `/_apis/git/pullRequests/${String(pr['pullRequestId'])}`)).json),
    );

    expectValid('git', 'GitPullRequest', [...list, ...singles]);
  });

  it('repositories are GitRepository and projects TeamProjectReference / TeamProject', async () => {
    const repositories = await listOf(`/${projectId}/_apis/git/repositories?includeLinks=true`);
    const projects = await listOf('/_apis/projects');
    const project = (await call(emu, `/_apis/projects/${projectId}?includeCapabilities=true`)).json;

    expectValid('git', 'GitRepository', repositories);
    expectValid('core', 'TeamProjectReference', projects);
    expectValid('core', 'TeamProject', [project]);
  });

  it('evaluation records (every policy type and state) are PolicyEvaluationRecord', async () => {
    const prIds = [...new Set(emu.control.state().evaluations.map((e) => e.pullRequestId))];
    const records = await Promise.all(
      prIds.map((id) =>
        listOf(
          `/${projectId}/_apis/policy/evaluations?artifactId=vstfs:///CodeReview/CodeReviewId/${projectId}/${id}&includeNotApplicable=true`,
          '7.1-preview.1',
        ).catch(() => []),
      ),
    );

    expectValid('policy', 'PolicyEvaluationRecord', records.flat());
  });

  it('policy configurations are PolicyConfiguration', async () => {
    expectValid('policy', 'PolicyConfiguration', await listOf(`/${projectId}/_apis/policy/configurations`));
  });

  it('builds (every status) are Build', async () => {
    const builds = emu.control.builds().filter((b) => b.projectId === projectId);
    const answers = await Promise.all(
      builds
        .slice(0, 20)
        .map(async (b) => (await call(emu, `/${projectId}/_apis/build/builds/${b.id}`)).json),
    );
    const listed = await listOf(`/${projectId}/_apis/build/builds`);

    expectValid('build', 'Build', [...answers, ...listed]);
  });
});
