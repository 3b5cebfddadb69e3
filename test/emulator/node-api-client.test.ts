// azure-devops-node-api 17, unmodified, against the emulator: discovery, paging, evaluations, requeue, builds, auth.
import { WebApi, getBearerHandler, getPersonalAccessTokenHandler } from 'azure-devops-node-api';
import { PullRequestStatus } from 'azure-devops-node-api/interfaces/GitInterfaces.js';
import { PolicyEvaluationStatus } from 'azure-devops-node-api/interfaces/PolicyInterfaces.js';
import { BuildReason, BuildStatus } from 'azure-devops-node-api/interfaces/BuildInterfaces.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const BUILD_POLICY = '0609b952-1397-4640-95ec-e00a01b2c241';
let emu: RunningEmulator;
let projectId: string;

beforeAll(async () => {
  emu = await startEmulator({
    scenario: generateScenario({ pullRequests: 250, expiredFraction: 0.5, seed: 7 }),
  });
  projectId = emu.projects[0]?.id ?? '';
});

afterAll(async () => {
  await emu.close();
});

/** Reads a nested field of the untyped JSON node-api hands back (`context`, `properties`, `_links`). */
function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

function bearerApi(token = emu.tokens.jobToken): WebApi {
  return new WebApi(emu.orgUrl, getBearerHandler(token));
}

describe('azure-devops-node-api 17 against the emulator', () => {
  it('connect() names the job token a build service identity and the PAT a user', async () => {
    const job = await bearerApi().connect();
    const user = await new WebApi(emu.orgUrl, getPersonalAccessTokenHandler(emu.tokens.pat)).connect();

    expect(job.authenticatedUser?.providerDisplayName).toBe('Project Collection Build Service (fabrikam)');
    expect(field(job.authenticatedUser, 'properties', 'Account', '$value')).toMatch(/^Build\\[0-9a-f-]{36}$/);
    expect(user.authenticatedUser?.providerDisplayName).toBe('Emulator User');
  });

  it('pages pull requests beyond the default page of 101 with skip and top', async () => {
    const git = await bearerApi().getGitApi();
    const criteria = { status: PullRequestStatus.Active };

    const first = await git.getPullRequestsByProject('Generated 1', criteria);
    const rest = await git.getPullRequestsByProject('generated 1', criteria, undefined, 101, 1000);

    expect(first).toHaveLength(101);
    expect(rest).toHaveLength(149);
    const ids = [...first, ...rest].map((pr) => pr.pullRequestId ?? 0);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first[0]?.repository?.project?.id).toBe(projectId);
  });

  it('lists evaluations by artifact id and requeues an expired build check to a new build', async () => {
    const api = bearerApi();
    const policy = await api.getPolicyApi();
    const build = await api.getBuildApi();
    const expiredPr = emu.control.state().evaluations.find((e) => e.isExpired)?.pullRequestId ?? 0;
    const artifactId = `vstfs:///CodeReview/CodeReviewId/${projectId}/${expiredPr}`;

    const records = await policy.getPolicyEvaluations(projectId, artifactId);
    const expired = records.find(
      (r) => r.configuration?.type?.id === BUILD_POLICY && field(r.context, 'isExpired') === true,
    );
    const requeued = await policy.requeuePolicyEvaluation(projectId, expired?.evaluationId ?? '');
    const newBuildId = Number(field(requeued.context, 'buildId'));
    const queued = await build.getBuild(projectId, newBuildId);

    expect(expired?.status).toBe(PolicyEvaluationStatus.Queued);
    expect(field(requeued.context, 'isExpired')).toBe(false);
    expect(newBuildId).not.toBe(Number(field(expired?.context, 'buildId')));
    expect(queued.status).toBe(BuildStatus.NotStarted);
    expect(queued.reason).toBe(BuildReason.PullRequest);
    expect(queued.sourceBranch).toBe(`refs/pull/${expiredPr}/merge`);
    expect(field(queued._links, 'web', 'href')).toContain(`_build/results?buildId=${newBuildId}`);
    expect(emu.control.requeues().filter((r) => r.evaluationId === expired?.evaluationId)).toHaveLength(1);
  });

  it('lists projects through the core API', async () => {
    const core = await bearerApi().getCoreApi();

    const projects = await core.getProjects();

    expect(projects.map((p) => p.name)).toEqual(['Generated 1']);
  });

  it('rejects a wrong token with 401 instead of resolving silent data', async () => {
    const api = bearerApi('eyJ.not-the-token.x');

    const connect = api.connect();
    const list = api.getGitApi().then((git) => git.getPullRequestsByProject('Generated 1', {}));

    await expect(connect).rejects.toMatchObject({ statusCode: 401 });
    await expect(list).rejects.toMatchObject({ statusCode: 401 });
  });
});
