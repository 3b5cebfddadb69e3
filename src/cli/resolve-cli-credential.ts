// The credential step both CLI commands (the run and doctor) take, in one place: where the PAT comes from, every
// secret masked (and, in a pipeline, announced with ##vso[task.setsecret]) the moment it is known, before any
// request or other output (checklist B1), and the debug trace of the Entra chain. The task has its own
// (read-task-credential.ts): it reads the job token from the agent's endpoint instead of the environment.
import {
  type AuthMode,
  createSecretRegistrar,
  type OrganizationUrl,
  refuseEntraOnServer,
  resolveCredential,
  type ResolvedCredential,
} from '../index.js';
import type { CliIo } from './cli-io.js';
import { refuseForeignOrganization } from './job-token-home.js';

export interface CliCredentialOptions {
  readonly auth: AuthMode;
  readonly patStdin: boolean;
  readonly managedIdentity: boolean;
  readonly debug: boolean;
  /** In a pipeline, the job token may go to an organization other than SYSTEM_COLLECTIONURI's. @default false */
  readonly allowForeignOrg?: boolean;
}

/**
 * Resolves the command's credential; throws CredentialError with the fix when there is none to use, and
 * OrganizationUrlError (exit 2) for `--auth entra` against an Azure DevOps Server collection.
 */
export async function resolveCliCredential(
  options: CliCredentialOptions,
  organization: OrganizationUrl,
  io: CliIo,
): Promise<ResolvedCredential> {
  if (options.auth === 'entra') refuseEntraOnServer(organization);
  const inPipeline = io.env['TF_BUILD']?.toLowerCase() === 'true';
  // In a pipeline SYSTEM_ACCESSTOKEN is $(System.AccessToken), a secret variable the agent masks already.
  const jobToken = io.env['SYSTEM_ACCESSTOKEN']?.trim();
  const register = createSecretRegistrar(
    io.secrets,
    inPipeline ? (form) => io.registerSecretWithAgent(form) : undefined,
    (secret) => secret === jobToken,
  );
  const pat = options.patStdin ? await io.readStdin() : io.env['AZURE_DEVOPS_EXT_PAT'];
  const resolved = await resolveCredential(options.auth, {
    env: io.env,
    jobToken: io.env['SYSTEM_ACCESSTOKEN'],
    pat,
    patSource: options.patStdin ? 'stdin' : 'AZURE_DEVOPS_EXT_PAT',
    organizationOrigin: organization.origin,
    entraAvailable: organization.deployment !== 'server',
    managedIdentity: options.managedIdentity,
    onSecret: register,
    clock: io.clock,
    ...(options.debug
      ? { entra: { log: (line: string) => io.writeStderr(`azdo-requeue: debug: ${line}\n`) } }
      : {}),
  });
  // Before any request: the job token goes only to the pipeline's own organization.
  if (resolved.credential.kind === 'job-token') {
    refuseForeignOrganization(organization, io.env, options.allowForeignOrg === true);
  }
  return resolved;
}

/** Said once per command: plain http is allowed only to loopback, which means an emulator. */
export function noticeLoopbackHttp(organization: OrganizationUrl, io: CliIo): void {
  if (!organization.isLoopbackHttp) return;
  io.writeStderr(
    `azdo-requeue: notice: plain http to loopback ${organization.origin} (an emulator); anywhere else only https\n`,
  );
}
