// Reads and validates the task's inputs (task/task.json) into the values a run needs. Pure over an injected
// reader and environment, so it is tested without an agent. Secret inputs are not read here (read-task-credential).
import {
  type ApiVersionMode,
  branchPatternProblem,
  readApiVersionSetting,
  type SelectionRules,
} from '../index.js';

export type TaskAuthentication = 'jobToken' | 'entra' | 'pat';

export interface TaskInputs {
  /** The organization (collection) URL; validated later by parseOrganizationUrl. */
  readonly organization: string;
  readonly projects: readonly string[];
  readonly allProjects: boolean;
  readonly repositories: readonly string[];
  /** Full refs (`refs/heads/main`). */
  readonly targetBranches: readonly string[];
  readonly rules: SelectionRules;
  // Internal, never written out: an input left empty is undefined here rather than absent.
  readonly maxRequeues?: number | undefined;
  /** Per pipeline definition (the Build API is read only when set). */
  readonly maxBuildsInFlight?: number | undefined;
  readonly dryRun: boolean;
  readonly authentication: TaskAuthentication;
  /** The service connection for `entra`. */
  readonly serviceConnection?: string | undefined;
  /** `auto` (empty input) negotiates with the server; `X.Y` pins every call, as the CLI's --api-version. */
  readonly apiVersion: ApiVersionMode;
}

/** What the agent gives a task: task-lib's `getInput` (values of non-secret inputs only). */
export interface TaskInputReader {
  getInput(name: string): string | undefined;
}

export class TaskInputError extends Error {
  override readonly name = 'TaskInputError';
}

const AUTHENTICATIONS: readonly TaskAuthentication[] = ['jobToken', 'entra', 'pat'];

export function readTaskInputs(
  reader: TaskInputReader,
  env: Readonly<Record<string, string | undefined>>,
): TaskInputs {
  const text = (name: string): string => reader.getInput(name)?.trim() ?? '';
  // The input defaults to $(System.CollectionUri); the variable is the fallback when the input was cleared.
  const organization =
    text('organization') || env['SYSTEM_COLLECTIONURI'] || env['SYSTEM_TEAMFOUNDATIONCOLLECTIONURI'] || '';
  if (organization === '') {
    throw new TaskInputError(
      'organization is empty and System.CollectionUri is not set: give the organization URL',
    );
  }
  const allProjects = readBoolean(text('allProjects'), 'allProjects');
  const explicitProjects = readList(text('projects'));
  if (allProjects && explicitProjects.length > 0) {
    throw new TaskInputError('set either projects or allProjects, not both');
  }
  const pipelineProject = env['SYSTEM_TEAMPROJECTID'] || env['SYSTEM_TEAMPROJECT'];
  const projects =
    explicitProjects.length > 0 || allProjects || !pipelineProject ? explicitProjects : [pipelineProject];
  if (!allProjects && projects.length === 0) {
    throw new TaskInputError('no project: set projects, or allProjects (System.TeamProjectId is not set)');
  }
  const authentication = (text('authentication') || 'jobToken') as TaskAuthentication;
  if (!AUTHENTICATIONS.includes(authentication)) {
    throw new TaskInputError(
      `authentication must be one of ${AUTHENTICATIONS.join(', ')}, got "${authentication}"`,
    );
  }
  const maxRequeues = readCount(text('maxRequeues'), 'maxRequeues');
  const maxBuildsInFlight = readCount(text('maxBuildsInFlight'), 'maxBuildsInFlight');
  if (maxBuildsInFlight === 0)
    throw new TaskInputError('maxBuildsInFlight must be at least 1 (empty: no limit)');
  const apiVersion = readApiVersionSetting('apiVersion', text('apiVersion') || undefined);
  if ('problem' in apiVersion) throw new TaskInputError(apiVersion.problem);
  return {
    organization,
    projects,
    allProjects,
    repositories: readList(text('repositories')),
    targetBranches: readList(text('targetBranches')).map(toFullRef),
    rules: {
      includeDrafts: readBoolean(text('includeDrafts'), 'includeDrafts'),
      includeConflicts: readBoolean(text('includeConflicts'), 'includeConflicts'),
      includeManual: readBoolean(text('includeManual'), 'includeManual'),
      requiredOnly: readBoolean(text('requiredOnly'), 'requiredOnly'),
      retryFailed: readBoolean(text('retryFailed'), 'retryFailed'),
    },
    maxRequeues,
    maxBuildsInFlight,
    dryRun: readBoolean(text('dryRun'), 'dryRun'),
    authentication,
    serviceConnection: text('azureSubscription') || undefined,
    apiVersion: apiVersion.mode,
  };
}

/** Multi-line inputs: one value per line (commas also separate), blank lines ignored. */
export function readList(value: string): string[] {
  return value
    .split(/[\r\n,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `main` → `refs/heads/main`; full refs are kept as given. */
export function toFullRef(branch: string): string {
  const ref = branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
  const problem = branchPatternProblem(ref);
  if (problem) throw new TaskInputError(`targetBranches: ${problem}`);
  return ref;
}

// task-lib's getBoolInput reads anything but "true" as false; a typo should fail the run instead.
function readBoolean(value: string, name: string): boolean {
  if (value === '') return false;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new TaskInputError(`${name} must be true or false, got "${value}"`);
}

function readCount(value: string, name: string): number | undefined {
  if (value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new TaskInputError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}
