// The exact fix for each failure doctor can find, naming the identity, the setting and where it lives.
// Never "disable the protection": the job authorization scope settings stay on (checklist D4; reference §8).

export const FIX = {
  serverTooOld:
    'azdo-requeue needs Azure DevOps Server 2019 (REST API 5.0) or later, or Azure DevOps Services: upgrade the ' +
    'server, or requeue the checks from the pull request page.',
  tokenNotAccepted: (credentialKind: string): string =>
    credentialKind === 'job-token'
      ? [
          'Map the job token into the step, and run the tool while the job is still running:',
          '  env:',
          '    SYSTEM_ACCESSTOKEN: $(System.AccessToken)',
          '(classic pipelines: enable "Allow scripts to access the OAuth token" on the agent job).',
        ].join('\n')
      : credentialKind === 'entra'
        ? "Add the Microsoft Entra identity to the organization (Organization settings > Users, Basic access), and check that the token is for this organization's tenant."
        : 'The PAT is expired, revoked, or for another organization: create a new organization-scoped PAT with Code (Read & write), or better, use the job token or Microsoft Entra ID.',

  projectNotFound: (project: string, identityProject: string | undefined): string =>
    identityProject !== undefined && identityProject.toLowerCase() !== project.toLowerCase()
      ? `The job token is scoped to project "${identityProject}": run azdo-requeue from a pipeline in project "${project}", or check --project.`
      : `Check --project "${project}" (name or id); the identity needs "View project-level information" on it.`,

  repositoryNotFound: (repository: string, project: string): string =>
    [
      `Check --repository "${repository}". If "Limit job authorization scope to referenced Azure DevOps repositories"`,
      'is on, reference the repository in the pipeline so the job token may read it:',
      `  steps:`,
      `  - checkout: git://${project}/${repository}`,
      '(or `uses: repositories: [...]` on the job when it is not checked out).',
    ].join('\n'),

  readDenied: (identity: string, what: string): string =>
    `Project settings > Repositories > (repository) > Security: select "${identity}" and set "Read" to Allow (${what}).`,

  contributeDenied: (identity: string, repository: string): string =>
    [
      `Project settings > Repositories > ${repository} > Security: select "${identity}"`,
      'and set "Contribute to pull requests" to Allow (or on "Git repositories" to cover every repository).',
    ].join('\n'),

  queueBuildsDenied: (identity: string, definition: string, pipelineUrl: string): string =>
    `Open ${pipelineUrl} (${definition}) > ... > Manage security: select "${identity}" and set "Queue builds" to Allow.`,

  queueBuildsEverywhere:
    'Or for every pipeline at once: Pipelines > ... > Manage security ("All pipelines"), same permission.',
} as const;
