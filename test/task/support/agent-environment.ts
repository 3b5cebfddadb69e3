// The environment the Azure Pipelines agent gives a Node task (reference §8): INPUT_* (names upper-cased by
// task-lib), the SYSTEMVSSCONNECTION endpoint carrying the job token, SYSTEM_*, BUILD_*, AGENT_TEMPDIRECTORY and
// TF_BUILD. SYSTEM_ACCESSTOKEN is deliberately absent: the task must not need it (checklist A2).

export interface AgentEnvironmentOptions {
  /** The organization URL the agent's variables name (no trailing slash). */
  readonly orgUrl: string;
  readonly jobToken: string;
  readonly tempDirectory: string;
  readonly project: { readonly id: string; readonly name: string };
  /** Task inputs by their task.json name; `organization` defaults to $(System.CollectionUri) as expanded. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Overrides of the BUILD_* variables (e.g. a CI trigger). */
  readonly build?: Readonly<Record<string, string>>;
}

export function agentEnvironment(options: AgentEnvironmentOptions): Record<string, string> {
  const collectionUri = `${options.orgUrl}/`;
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    NO_PROXY: '127.0.0.1,localhost',
    TF_BUILD: 'True',
    AGENT_TEMPDIRECTORY: options.tempDirectory,
    AGENT_VERSION: '4.260.0',
    SYSTEM_COLLECTIONURI: collectionUri,
    SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: collectionUri,
    SYSTEM_TEAMPROJECTID: options.project.id,
    SYSTEM_TEAMPROJECT: options.project.name,
    SYSTEM_HOSTTYPE: 'build',
    SYSTEM_DEFINITIONID: '12',
    SYSTEM_JOBID: '8f8a3b4e-0000-4000-8000-000000000099',
    ENDPOINT_URL_SYSTEMVSSCONNECTION: collectionUri,
    ENDPOINT_AUTH_SYSTEMVSSCONNECTION: JSON.stringify({
      parameters: { AccessToken: options.jobToken },
      scheme: 'OAuth',
    }),
    ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION: 'OAuth',
    ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: options.jobToken,
    BUILD_BUILDID: '4242',
    BUILD_REASON: 'Schedule',
    BUILD_REPOSITORY_PROVIDER: 'TfsGit',
    BUILD_REPOSITORY_NAME: 'pipelines',
    BUILD_SOURCEBRANCH: 'refs/heads/main',
    ...options.build,
  };
  const inputs = { organization: collectionUri, authentication: 'jobToken', ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}
