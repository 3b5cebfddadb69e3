// Whether the identity can read what a requeue reads: the project's repositories, its active pull requests and
// one pull request's policy evaluations (reference §3.2–§3.4). Each failure names its TF code and the fix.
import type { PolicyCheck, ProjectRef, PullRequest, RepositoryRef } from '../requeue/model.js';
import type { DoctorApi } from './doctor-api.js';
import { asApiFailure, check, failedCall, listNames } from './doctor-checks.js';
import { FIX } from './doctor-fixes.js';
import type { DoctorCheck } from './doctor-model.js';

export interface AccessFindings {
  /** The repositories in scope: the named ones, else every readable one. */
  readonly repositories: readonly RepositoryRef[];
  readonly pullRequests: readonly PullRequest[];
  /** The policy evaluations of the first pull request, when read. */
  readonly sampledChecks: readonly PolicyCheck[];
  /** False when a required read failed, so the permission checks are not meaningful. */
  readonly complete: boolean;
}

export async function checkAccess(
  api: DoctorApi,
  project: ProjectRef,
  requested: readonly string[],
  identityName: string,
  checks: DoctorCheck[],
): Promise<AccessFindings> {
  const none: AccessFindings = { repositories: [], pullRequests: [], sampledChecks: [], complete: false };
  let visible: readonly RepositoryRef[];
  try {
    visible = await api.repositories(project.id);
  } catch (error) {
    checks.push(
      failedCall('repositories', asApiFailure(error), FIX.readDenied(identityName, 'list repositories')),
    );
    return none;
  }
  const missing = requested.filter((name) => !visible.some((repository) => matches(repository, name)));
  const repositories =
    requested.length > 0
      ? visible.filter((repository) => requested.some((name) => matches(repository, name)))
      : visible;
  if (missing.length > 0) {
    // Reported; the repositories that were found are still checked.
    const detail = `not found or not readable: ${listNames(missing)} (of ${visible.length} readable)`;
    const fix = missing.map((name) => FIX.repositoryNotFound(name, project.name)).join('\n');
    checks.push(check('repositories', 'fail', detail, { code: 'TF401019', failure: 'config', fix }));
    if (repositories.length === 0) return none;
  } else {
    const names = listNames(visible.map((repository) => repository.name));
    checks.push(check('repositories', 'pass', `${visible.length} readable: ${names}`));
  }

  const pullRequests: PullRequest[] = [];
  try {
    const queries = requested.length > 0 ? repositories : [undefined];
    for (const repository of queries)
      pullRequests.push(...(await api.activePullRequests(project, repository)));
  } catch (error) {
    checks.push(
      failedCall('pull-requests', asApiFailure(error), FIX.readDenied(identityName, 'list pull requests')),
    );
    return { ...none, repositories };
  }
  checks.push(
    check('pull-requests', 'pass', `${pullRequests.length} active pull request(s) readable (first page)`),
  );

  const sample = pullRequests[0];
  if (sample === undefined) {
    checks.push(check('pull-request-checks', 'skipped', 'no active pull request to read'));
    return { repositories, pullRequests, sampledChecks: [], complete: true };
  }
  try {
    const sampledChecks = await api.policyChecks(sample);
    const builds = sampledChecks.filter((entry) => entry.isBuildPolicy).length;
    checks.push(
      check(
        'pull-request-checks',
        'pass',
        `pull request ${sample.id}: ${sampledChecks.length} policy evaluation(s) readable, ${builds} build check(s)`,
      ),
    );
    return { repositories, pullRequests, sampledChecks, complete: true };
  } catch (error) {
    const fix = FIX.readDenied(identityName, `read the checks of pull request ${sample.id}`);
    checks.push(failedCall('pull-request-checks', asApiFailure(error), fix));
    return { repositories, pullRequests, sampledChecks: [], complete: false };
  }
}

function matches(repository: RepositoryRef, nameOrId: string): boolean {
  const wanted = nameOrId.toLowerCase();
  return repository.name.toLowerCase() === wanted || repository.id.toLowerCase() === wanted;
}
