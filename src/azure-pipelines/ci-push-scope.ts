// Narrows a CI-triggered run to the pull requests a push can have expired: those of the pushed repository that
// target the pushed branch. Scheduled and manual runs scan everything in scope (issue #6, deliverable 4).
// Variables: BUILD_REASON, BUILD_REPOSITORY_ID, BUILD_REPOSITORY_PROVIDER, BUILD_SOURCEBRANCH (reference §8).

export interface PushScope {
  readonly repositories: readonly string[];
  readonly targetBranches: readonly string[];
  /** Why the scope is what it is, for the log. */
  readonly note?: string;
}

const CI_REASONS: ReadonlySet<string> = new Set(['IndividualCI', 'BatchedCI']);

/**
 * Returns the given filters unchanged unless the run was triggered by a push (IndividualCI or BatchedCI) and no
 * repository or target-branch filter was given; then the pushed repository and branch.
 */
export function scopeToCiPush(
  given: Pick<PushScope, 'repositories' | 'targetBranches'>,
  env: Readonly<Record<string, string | undefined>>,
): PushScope {
  const reason = env['BUILD_REASON'] ?? '';
  if (!CI_REASONS.has(reason)) return given;
  if (given.repositories.length > 0 || given.targetBranches.length > 0) {
    return { ...given, note: `${reason} run: using the repositories and targetBranches inputs as given` };
  }
  const repositoryId = env['BUILD_REPOSITORY_ID'] ?? '';
  const branch = env['BUILD_SOURCEBRANCH'] ?? '';
  // Only an Azure Repos repository can hold the pull requests; a GitHub-hosted pipeline repository cannot.
  const provider = env['BUILD_REPOSITORY_PROVIDER'] ?? 'TfsGit';
  if (provider !== 'TfsGit' || repositoryId === '' || !branch.startsWith('refs/heads/')) {
    return {
      ...given,
      note: `${reason} run, but not a push to an Azure Repos branch: scanning everything in scope`,
    };
  }
  const name = env['BUILD_REPOSITORY_NAME'] ?? repositoryId;
  return {
    repositories: [repositoryId],
    targetBranches: [branch],
    note: `${reason} run: only pull requests of ${name} that target ${branch}`,
  };
}
