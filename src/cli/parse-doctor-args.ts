// `azdo-requeue doctor [--org URL] [--project P] [--repository R]… [--auth …] [--output text|json]
// [--api-version auto|X.Y]`, with the
// pipeline's variables as defaults. Pure: env is passed in. No option takes a token (checklist A1).
import type { ApiVersionMode, AuthMode } from '../index.js';
import {
  API_VERSION_OPTION,
  COMMON_OPTIONS,
  parseCommandLine,
  pipelineProject,
  readApiVersion,
  readAuthMode,
  readOrganization,
  readOutput,
} from './command-line.js';

export interface DoctorOptions {
  readonly help: boolean;
  readonly organization?: string;
  readonly project?: string;
  readonly repositories: readonly string[];
  readonly auth: AuthMode;
  readonly patStdin: boolean;
  readonly managedIdentity: boolean;
  /** `--allow-foreign-org`: in a pipeline, send the job token to an organization other than the pipeline's. */
  readonly allowForeignOrg: boolean;
  readonly output: 'text' | 'json';
  readonly debug: boolean;
  /** `--api-version`: as for a run, `auto` negotiates with the server, `X.Y` pins every call (decision 0010). */
  readonly apiVersion: ApiVersionMode;
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
  --allow-foreign-org       in a pipeline, let the job token go to an organization other than SYSTEM_COLLECTIONURI
  --output text|json        report format (json: schemaVersion 1)
  --debug                   trace HTTP calls on stderr (headers allow-listed, secrets redacted)
  --api-version auto|X.Y    REST version: auto (default) uses 7.1 and steps down to what an Azure DevOps
                            Server speaks (5.0 Server 2019, 6.0 Server 2020, 7.0 Server 2022); X.Y pins it

Exit codes: 0 every required check passed, 2 configuration error, 3 authentication or permission failure.
`;

const OPTIONS = { ...COMMON_OPTIONS, ...API_VERSION_OPTION, project: { type: 'string' } } as const;

export function parseDoctorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DoctorOptions {
  const values = parseCommandLine(argv, OPTIONS);
  const output = readOutput(values);
  const auth = readAuthMode(values.auth);
  const organization = readOrganization(values, env);
  const project = values.project ?? pipelineProject(env);
  return {
    help: values.help === true,
    ...(organization ? { organization } : {}),
    ...(project ? { project } : {}),
    repositories: values.repository ?? [],
    auth,
    patStdin: values['pat-stdin'] === true,
    managedIdentity: values['managed-identity'] === true,
    allowForeignOrg: values['allow-foreign-org'] === true,
    output,
    debug: values.debug === true,
    apiVersion: readApiVersion(values),
  };
}
