// `azdo-requeue doctor [--org URL] [--project P] [--repository R]… [--auth …] [--output text|json]`, with the
// pipeline's variables as defaults. Pure: env is passed in. No option takes a token (checklist A1).
import { parseArgs } from 'node:util';

import type { AuthMode } from '../index.js';

export interface DoctorOptions {
  readonly help: boolean;
  readonly organization?: string;
  readonly project?: string;
  readonly repositories: readonly string[];
  readonly auth: AuthMode;
  readonly patStdin: boolean;
  readonly managedIdentity: boolean;
  readonly output: 'text' | 'json';
  readonly debug: boolean;
}

/** A bad doctor command line; the CLI turns it into its usage error (exit 2). */
export class DoctorArgsError extends Error {
  override readonly name = 'DoctorArgsError';
}

export const DOCTOR_HELP = `azdo-requeue doctor: check the credential, the identity and the permissions a requeue needs.
Reads only; never re-queues anything.

Usage:
  azdo-requeue doctor [--org URL] [--project NAME|ID] [--repository NAME|ID]... [options]

  --org URL                 organization (default SYSTEM_COLLECTIONURI)
  --project NAME|ID         project (default SYSTEM_TEAMPROJECTID)
  --repository NAME|ID      check this repository (repeatable); default: those with active pull requests
  --auth auto|job-token|entra|pat   which credential (default auto: job token, Entra ID, then a PAT)
  --pat-stdin               read a PAT from standard input
  --managed-identity        use the Azure managed identity of this machine (Entra ID)
  --output text|json        report format (json: schemaVersion 1)
  --debug                   trace HTTP calls on stderr (headers allow-listed, secrets redacted)

Exit codes: 0 every required check passed, 2 configuration error, 3 authentication or permission failure.
`;

const OPTIONS = {
  org: { type: 'string' },
  organization: { type: 'string' },
  project: { type: 'string' },
  repository: { type: 'string', multiple: true },
  auth: { type: 'string' },
  'pat-stdin': { type: 'boolean' },
  'managed-identity': { type: 'boolean' },
  output: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const AUTH_MODES: readonly string[] = ['auto', 'job-token', 'entra', 'pat'];

export function parseDoctorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DoctorOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new DoctorArgsError(
      error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error),
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new DoctorArgsError(`unexpected argument "${positionals[0]}"`);
  const output = values.json ? 'json' : (values.output ?? 'text');
  if (output !== 'text' && output !== 'json')
    throw new DoctorArgsError(`--output must be text or json, got "${output}"`);
  const auth = values.auth ?? 'auto';
  if (!AUTH_MODES.includes(auth)) {
    throw new DoctorArgsError(`--auth must be one of ${AUTH_MODES.join(', ')}, got "${auth}"`);
  }
  const organization =
    values.org ??
    values.organization ??
    env['SYSTEM_COLLECTIONURI'] ??
    env['SYSTEM_TEAMFOUNDATIONCOLLECTIONURI'];
  const project = values.project ?? (env['SYSTEM_TEAMPROJECTID'] || env['SYSTEM_TEAMPROJECT']);
  return {
    help: values.help === true,
    ...(organization ? { organization } : {}),
    ...(project ? { project } : {}),
    repositories: values.repository ?? [],
    auth: auth as AuthMode,
    patStdin: values['pat-stdin'] === true,
    managedIdentity: values['managed-identity'] === true,
    output,
    debug: values.debug === true,
  };
}
