// Reads the credential the task authenticates with and registers every form of it with the agent's masker before
// anything else can print it (security checklist A2, B1). The job token comes from the SYSTEMVSSCONNECTION
// endpoint, so YAML needs no `env:` mapping (reference §8); a PAT comes from a secret input read without echo;
// Entra ID from an Azure Resource Manager service connection with workload identity federation.
import {
  CredentialError,
  definedProps,
  type EntraDependencies,
  resolveCredential,
  type ResolvedCredential,
} from '../index.js';
import type { TaskInputs } from './read-task-inputs.js';

/** task-lib's `EndpointAuthorization`. */
export interface EndpointAuthorization {
  readonly scheme: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface TaskCredentialSource {
  /** task-lib `getEndpointAuthorization(id, true)`: debug-logs only whether it exists, never the value. */
  endpointAuthorization(id: string): EndpointAuthorization | undefined;
  /** A secret input's value, read without task-lib's `name=value` debug echo. */
  secretInput(name: string): string | undefined;
  /** Registers a one-line secret and every encoded form of it with the agent (task-lib setSecret) and our redactor. */
  registerSecret(secret: string): void;
}

/** The endpoint every job has; its AccessToken parameter is System.AccessToken (reference §8). */
export const JOB_ENDPOINT = 'SYSTEMVSSCONNECTION';
export const PAT_INPUT = 'personalAccessToken';

export async function readTaskCredential(
  inputs: Pick<TaskInputs, 'authentication' | 'serviceConnection'> & { readonly organizationOrigin?: string },
  source: TaskCredentialSource,
  env: Readonly<Record<string, string | undefined>>,
  /** Tests replace the @azure/identity credential; the task itself passes nothing. */
  entra?: EntraDependencies,
): Promise<ResolvedCredential> {
  // Each line on its own (task-lib refuses multi-line secrets, checklist B6); a bad value is rejected right after.
  const register = (secret: string): void => {
    for (const line of secret.split(/\r?\n|\r/)) if (line.trim() !== '') source.registerSecret(line.trim());
  };
  const onSecret = { onSecret: register };
  // Only what the chain's own checks need from the environment (TLS must be on), never a token variable.
  const tlsSetting = { NODE_TLS_REJECT_UNAUTHORIZED: env['NODE_TLS_REJECT_UNAUTHORIZED'] };

  if (inputs.authentication === 'pat') {
    const pat = source.secretInput(PAT_INPUT) ?? '';
    register(pat);
    if (pat.trim() === '') {
      throw new CredentialError(
        `authentication is pat but the ${PAT_INPUT} input is empty: reference a secret variable, e.g. $(AzureDevOpsPat)`,
      );
    }
    return resolveCredential('pat', {
      pat,
      patSource: `the ${PAT_INPUT} input`,
      env: tlsSetting,
      ...onSecret,
    });
  }
  const jobToken = readJobToken(source);
  register(jobToken);
  if (inputs.authentication === 'jobToken') {
    return resolveCredential('job-token', { jobToken, env: tlsSetting, ...onSecret });
  }
  // AzurePipelinesCredential exchanges the job's OIDC token for an Entra token: the variables AzureCLI@2 sets
  // for a service connection, taken from the connection the input names (and nothing else from the environment).
  const connection = inputs.serviceConnection ?? '';
  const authorization = connection === '' ? undefined : source.endpointAuthorization(connection);
  if (authorization === undefined) {
    throw new CredentialError(
      'authentication is entra but no service connection (azureSubscription) is given',
    );
  }
  if (authorization.scheme.toLowerCase() !== 'workloadidentityfederation') {
    throw new CredentialError(
      `the service connection uses ${authorization.scheme}; entra needs workload identity federation`,
    );
  }
  return resolveCredential('entra', {
    jobToken,
    env: {
      ...tlsSetting,
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: connection,
      AZURESUBSCRIPTION_CLIENT_ID: parameter(authorization, 'serviceprincipalid'),
      AZURESUBSCRIPTION_TENANT_ID: parameter(authorization, 'tenantid'),
      SYSTEM_OIDCREQUESTURI: env['SYSTEM_OIDCREQUESTURI'],
    },
    organizationOrigin: inputs.organizationOrigin,
    ...onSecret,
    ...definedProps({ entra }),
  });
}

function readJobToken(source: TaskCredentialSource): string {
  const authorization = source.endpointAuthorization(JOB_ENDPOINT);
  if (authorization === undefined) {
    throw new CredentialError(
      `the job token is not available: the ${JOB_ENDPOINT} endpoint is missing. Run the task in an Azure Pipelines ` +
        'job, or use authentication pat',
    );
  }
  if (authorization.scheme.toLowerCase() !== 'oauth') {
    throw new CredentialError(
      `the ${JOB_ENDPOINT} endpoint uses scheme ${authorization.scheme}; expected OAuth`,
    );
  }
  const token = parameter(authorization, 'AccessToken') ?? '';
  if (token.trim() === '') throw new CredentialError(`the ${JOB_ENDPOINT} endpoint carries no AccessToken`);
  return token;
}

/** Endpoint parameter names are case-insensitive (the agent upper-cases them in ENDPOINT_AUTH_PARAMETER_*). */
function parameter(authorization: EndpointAuthorization, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(authorization.parameters).find(([key]) => key.toLowerCase() === lower)?.[1];
}
