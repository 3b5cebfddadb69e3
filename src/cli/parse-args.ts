// Parses the command line (and pipeline variables as defaults) into validated CLI options. Pure: env is passed in.
import { branchPatternProblem, type ApiVersionMode, type AuthMode } from '../index.js';
import {
  API_VERSION_OPTION,
  COMMON_OPTIONS,
  parseCommandLine,
  pipelineProject,
  readApiVersion,
  readAuthMode,
  readOrganization,
  readOutput,
  UsageError,
} from './command-line.js';

export { UsageError };

export interface CliOptions {
  readonly command: 'requeue' | 'help' | 'version';
  readonly organization?: string;
  readonly projects: readonly string[];
  readonly allProjects: boolean;
  readonly repositories: readonly string[];
  /** Full refs. */
  readonly targetBranches: readonly string[];
  readonly includeDrafts: boolean;
  readonly includeConflicts: boolean;
  readonly includeManual: boolean;
  readonly requiredOnly: boolean;
  readonly maxRequeues?: number;
  readonly maxBuildsInFlight?: number;
  readonly retryFailed: boolean;
  readonly dryRun: boolean;
  readonly output: 'text' | 'json';
  readonly concurrency: number;
  readonly timeoutSeconds?: number;
  readonly auth: AuthMode;
  readonly patStdin: boolean;
  /** `--managed-identity`: Microsoft Entra ID through this machine's managed identity (IMDS). */
  readonly managedIdentity: boolean;
  /** `--allow-foreign-org`: in a pipeline, send the job token to an organization other than the pipeline's. */
  readonly allowForeignOrg: boolean;
  readonly summaryFile?: string;
  readonly debug: boolean;
  /** `--api-version`: `auto` negotiates with the server (Azure DevOps Server speaks 5.0–7.1), or one pinned. */
  readonly apiVersion: ApiVersionMode;
}

const OPTIONS = {
  ...COMMON_OPTIONS,
  project: { type: 'string', multiple: true },
  'all-projects': { type: 'boolean' },
  'target-branch': { type: 'string', multiple: true },
  'include-drafts': { type: 'boolean' },
  'include-conflicts': { type: 'boolean' },
  'include-manual': { type: 'boolean' },
  'required-only': { type: 'boolean' },
  'max-requeues': { type: 'string' },
  'max-builds-in-flight': { type: 'string' },
  'retry-failed': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'summary-file': { type: 'string' },
  ...API_VERSION_OPTION,
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOptions {
  const values = parseCommandLine(argv, OPTIONS);
  if (values.help) return { ...defaults(), command: 'help' };
  if (values.version) return { ...defaults(), command: 'version' };

  const organization = readOrganization(values, env);
  const allProjects = values['all-projects'] === true;
  const explicitProjects = values.project ?? [];
  if (allProjects && explicitProjects.length > 0)
    throw new UsageError('use either --project or --all-projects, not both');
  const inPipeline = pipelineProject(env);
  const projects =
    explicitProjects.length > 0 || allProjects ? explicitProjects : inPipeline ? [inPipeline] : [];
  if (!allProjects && projects.length === 0) {
    throw new UsageError(
      'no project: pass --project NAME (repeatable) or --all-projects (in a pipeline, SYSTEM_TEAMPROJECTID is used)',
    );
  }
  const output = readOutput(values);
  const auth = readAuthMode(values.auth);
  const maxRequeues = parseCount(values['max-requeues'], '--max-requeues', 0);
  const maxBuildsInFlight = parseCount(values['max-builds-in-flight'], '--max-builds-in-flight', 1);
  const timeoutSeconds = parseCount(values.timeout, '--timeout', 1, 86_400);
  const apiVersion = readApiVersion(values);
  return {
    command: 'requeue',
    ...(organization ? { organization } : {}),
    projects: explicitProjects.length > 0 || allProjects ? explicitProjects : projects,
    allProjects,
    repositories: values.repository ?? [],
    targetBranches: (values['target-branch'] ?? []).map(toFullRef),
    includeDrafts: values['include-drafts'] === true,
    includeConflicts: values['include-conflicts'] === true,
    includeManual: values['include-manual'] === true,
    requiredOnly: values['required-only'] === true,
    ...(maxRequeues === undefined ? {} : { maxRequeues }),
    ...(maxBuildsInFlight === undefined ? {} : { maxBuildsInFlight }),
    retryFailed: values['retry-failed'] === true,
    dryRun: values['dry-run'] === true,
    output,
    concurrency: parseCount(values.concurrency, '--concurrency', 1, 64) ?? 8,
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
    auth,
    patStdin: values['pat-stdin'] === true,
    managedIdentity: values['managed-identity'] === true,
    allowForeignOrg: values['allow-foreign-org'] === true,
    ...(values['summary-file'] ? { summaryFile: values['summary-file'] } : {}),
    debug: values.debug === true,
    apiVersion,
  };
}

/** `develop` → `refs/heads/develop`; a full ref is kept as it is. */
export function toFullRef(branch: string): string {
  const trimmed = branch.trim();
  if (trimmed === '' || /\s/.test(trimmed))
    throw new UsageError(`--target-branch "${branch}" is not a branch name`);
  const ref = trimmed.startsWith('refs/') ? trimmed : `refs/heads/${trimmed}`;
  const problem = branchPatternProblem(ref);
  if (problem) throw new UsageError(`--target-branch ${problem}`);
  return ref;
}

function parseCount(
  value: string | undefined,
  flag: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  const count = Number(value);
  if (count < min || count > max)
    throw new UsageError(`${flag} must be between ${min} and ${max}, got ${count}`);
  return count;
}

function defaults(): Omit<CliOptions, 'command'> {
  return {
    projects: [],
    allProjects: false,
    repositories: [],
    targetBranches: [],
    includeDrafts: false,
    includeConflicts: false,
    includeManual: false,
    requiredOnly: false,
    retryFailed: false,
    dryRun: false,
    output: 'text',
    concurrency: 8,
    auth: 'auto',
    patStdin: false,
    managedIdentity: false,
    allowForeignOrg: false,
    debug: false,
    apiVersion: 'auto',
  };
}
