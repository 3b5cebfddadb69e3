// What the requeue command line and the doctor command line share: node's strict parseArgs with messages fit for a
// user, the options both take, their validation, and the pipeline variables that stand in for --org and --project.
// Pure: env is passed in.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { type ApiVersionMode, AUTH_MODES, type AuthMode, readApiVersionSetting } from '../index.js';

/** A bad command line: exit 2 with the message (cli/run-cli.ts). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>['values'];

/** The options of every command; no option takes a token (checklist A1). */
export const COMMON_OPTIONS = {
  org: { type: 'string' },
  organization: { type: 'string' },
  repository: { type: 'string', multiple: true },
  output: { type: 'string' },
  json: { type: 'boolean' },
  auth: { type: 'string' },
  'pat-stdin': { type: 'boolean' },
  'managed-identity': { type: 'boolean' },
  'allow-foreign-org': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Strict parsing (unknown options, missing values and positionals are usage errors). */
export function parseCommandLine<T extends Options>(argv: readonly string[], options: T): Parsed<T> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // node appends advice about `--` that does not apply here.
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error),
    );
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  return parsed.values;
}

/** `--json` is `--output json`. */
export function readOutput(values: { readonly output?: string; readonly json?: boolean }): 'text' | 'json' {
  const output = values.json ? 'json' : (values.output ?? 'text');
  if (output !== 'text' && output !== 'json')
    throw new UsageError(`--output must be text or json, got "${output}"`);
  return output;
}

export function readAuthMode(value: string | undefined): AuthMode {
  const auth = value ?? 'auto';
  if (!isAuthMode(auth))
    throw new UsageError(`--auth must be one of ${AUTH_MODES.join(', ')}, got "${auth}"`);
  return auth;
}

function isAuthMode(value: string): value is AuthMode {
  return (AUTH_MODES as readonly string[]).includes(value);
}

/** `--org`, else the pipeline's collection URI. */
export function readOrganization(
  values: { readonly org?: string; readonly organization?: string },
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return (
    values.org ??
    values.organization ??
    env['SYSTEM_COLLECTIONURI'] ??
    env['SYSTEM_TEAMFOUNDATIONCOLLECTIONURI']
  );
}

/** `--api-version`, taken by the commands that call the REST API (a run and doctor), not by every command. */
export const API_VERSION_OPTION = { 'api-version': { type: 'string' } } as const satisfies Options;

/** `auto` unless `--api-version` pins a release; the task reads its input with the same rule and message. */
export function readApiVersion(values: { readonly 'api-version'?: string }): ApiVersionMode {
  const setting = readApiVersionSetting('--api-version', values['api-version']);
  if ('problem' in setting) throw new UsageError(setting.problem);
  return setting.mode;
}

/** The pipeline's project (id first), when run in one. */
export function pipelineProject(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env['SYSTEM_TEAMPROJECTID'] || env['SYSTEM_TEAMPROJECT'];
}
