// The credential chain, `--auth auto|job-token|entra|pat`. In auto: the job token (what a pipeline gives) →
// Microsoft Entra ID when the environment configures it → a PAT as a warned fallback
// (docs/decisions/0007-credential-chain.md). Tokens come only from the environment or stdin, never from argv
// (checklist A1, A5).
import { systemClock, type Clock } from '../util/clock.js';
import { CredentialError, normalizeToken } from './classify-token.js';
import type { ResolvedCredential } from './credential.js';
import { detectEntraConfig, type EntraDetection } from './entra-config.js';
import { createEntraCredential, type EntraDependencies } from './entra-credential.js';
import { credentialFromToken } from './static-credential.js';

/** The credentials `--auth` may name; `auto` walks the chain (job token → Entra → PAT). */
export const AUTH_MODES = ['auto', 'job-token', 'entra', 'pat'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export interface CredentialSources {
  /** `SYSTEM_ACCESSTOKEN`: the job's OAuth token, mapped into the step's env (or the task's endpoint). */
  readonly jobToken?: string | undefined;
  /** `AZURE_DEVOPS_EXT_PAT` (the variable az devops reads), or a PAT read from stdin. */
  readonly pat?: string | undefined;
  readonly patSource?: string;
  /** The rest of the environment: Microsoft Entra ID settings (AZURE_*, SYSTEM_OIDCREQUESTURI, …). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `https://dev.azure.com`: the OIDC request URI must be on Azure DevOps or this origin (checklist C2). */
  readonly organizationOrigin?: string | undefined;
  /** `--managed-identity`: ask IMDS for a managed identity token without an endpoint variable. */
  readonly managedIdentity?: boolean;
  /**
   * Receives every secret as soon as it is known — Entra tokens on receipt, before their first use — so the
   * caller masks it (and registers it with the agent) before any output could carry it (checklist B1).
   */
  readonly onSecret?: (secret: string) => void;
  readonly clock?: Pick<Clock, 'now'>;
  readonly entra?: EntraDependencies;
  /**
   * False for an Azure DevOps Server collection: Entra ID sign-in exists only in the cloud, so `auto` leaves it out
   * of the chain (a job token or a PAT is used) and `entra` finds nothing configured. @default true
   */
  readonly entraAvailable?: boolean;
}

export const MISSING_TOKEN_FIX = [
  'no credential found. In a pipeline, map the job token into the step:',
  '  YAML:    env:',
  '             SYSTEM_ACCESSTOKEN: $(System.AccessToken)',
  '  classic: enable "Allow scripts to access the OAuth token" on the agent job.',
  'Outside a pipeline, use Microsoft Entra ID (--auth entra: a service connection, workload or managed',
  'identity, or `az login`), or set AZURE_DEVOPS_EXT_PAT (a short-lived, minimally scoped PAT) or use --pat-stdin.',
].join('\n');

export const ENTRA_SETUP_FIX = [
  'Microsoft Entra ID is not configured. Any one of:',
  '  - an Azure Pipelines service connection (workload identity federation): AZURESUBSCRIPTION_SERVICE_CONNECTION_ID,',
  '    AZURESUBSCRIPTION_CLIENT_ID, AZURESUBSCRIPTION_TENANT_ID, SYSTEM_OIDCREQUESTURI and SYSTEM_ACCESSTOKEN',
  '    (set for you inside an AzureCLI@2 step);',
  '  - workload identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID;',
  '  - a managed identity: IDENTITY_ENDPOINT (App Service), or --managed-identity on an Azure VM;',
  '  - the Azure CLI: `az login` (used only with --auth entra).',
  'The identity must be added to the Azure DevOps organization.',
].join('\n');

/**
 * `NODE_TLS_REJECT_UNAUTHORIZED=0` turns certificate verification off for the whole process; credentials are
 * never sent that way (checklist C6). A private CA is trusted with NODE_EXTRA_CA_CERTS instead.
 */
export const TLS_VERIFICATION_OFF =
  'NODE_TLS_REJECT_UNAUTHORIZED=0 turns TLS certificate verification off, and azdo-requeue never sends a ' +
  'credential without it. Unset the variable; to trust a private certificate authority, point ' +
  'NODE_EXTRA_CA_CERTS at its certificate file.';

export async function resolveCredential(
  mode: AuthMode,
  sources: CredentialSources,
): Promise<ResolvedCredential> {
  const env = sources.env ?? {};
  if (env['NODE_TLS_REJECT_UNAUTHORIZED']?.trim() === '0') throw new CredentialError(TLS_VERIFICATION_OFF);
  const hasJobToken = present(sources.jobToken);
  // Normalised only when used: a malformed job token must not block `--auth pat`.
  const readJobToken = (): string => normalizeToken(sources.jobToken ?? '', 'SYSTEM_ACCESSTOKEN');
  const entra: EntraDetection =
    sources.entraAvailable === false
      ? { problems: mode === 'entra' ? ['Microsoft Entra ID exists only in Azure DevOps Services'] : [] }
      : detectEntraConfig(env, {
          allowAzureCli: mode === 'entra',
          hasJobToken,
          organizationOrigin: sources.organizationOrigin,
          managedIdentityFlag: sources.managedIdentity,
        });

  if (mode === 'entra' || (mode === 'auto' && !hasJobToken && entra.config !== undefined)) {
    if (entra.config === undefined) {
      const problems = entra.problems.map((problem) => `  - ${problem}`).join('\n');
      throw new CredentialError(`--auth entra: ${problems ? `${problems}\n` : ''}${ENTRA_SETUP_FIX}`);
    }
    const credential = await createEntraCredential({
      config: entra.config,
      jobToken: entra.config.kind === 'azure-pipelines' ? readJobToken() : undefined,
      env,
      clock: sources.clock ?? systemClock,
      onSecret: sources.onSecret ?? (() => undefined),
      dependencies: sources.entra,
    });
    const why = mode === 'entra' ? '--auth entra' : 'no job token; Microsoft Entra ID is configured';
    return { credential, why: `${why}: ${credential.source}`, warnings: [] };
  }

  if ((mode === 'auto' || mode === 'job-token') && hasJobToken) {
    const why =
      mode === 'auto'
        ? 'SYSTEM_ACCESSTOKEN is set (the pipeline job token, first in the chain)'
        : '--auth job-token';
    const alsoEntra =
      mode === 'auto' && entra.config !== undefined
        ? `; Microsoft Entra ID (${entra.config.kind}) is configured too: pass --auth entra to use it`
        : '';
    return announce(
      credentialFromToken(readJobToken(), 'job-token', 'SYSTEM_ACCESSTOKEN', why + alsoEntra),
      sources,
    );
  }
  if (mode === 'job-token') throw new CredentialError(`--auth job-token: ${MISSING_TOKEN_FIX}`);

  if (present(sources.pat)) {
    const source = sources.patSource ?? 'AZURE_DEVOPS_EXT_PAT';
    const pat = normalizeToken(sources.pat, source);
    const why =
      mode === 'auto' ? `no job token and no Microsoft Entra ID; ${source} is set (fallback)` : '--auth pat';
    const resolved = credentialFromToken(pat, 'pat', source, why);
    // A broken Entra setup is worth knowing about before a PAT quietly stands in for it.
    const unusable = entra.problems.map(
      (problem) => `Microsoft Entra ID is configured but unusable: ${problem}`,
    );
    return announce({ ...resolved, warnings: [...unusable, ...resolved.warnings] }, sources);
  }
  if (mode === 'pat') {
    throw new CredentialError(
      '--auth pat: set AZURE_DEVOPS_EXT_PAT or pass the PAT on standard input with --pat-stdin',
    );
  }
  const problems = entra.problems.length > 0 ? `\n(Microsoft Entra ID: ${entra.problems.join('; ')})` : '';
  throw new CredentialError(MISSING_TOKEN_FIX + problems);
}

function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function announce(resolved: ResolvedCredential, sources: CredentialSources): ResolvedCredential {
  for (const secret of resolved.credential.secrets) sources.onSecret?.(secret);
  return resolved;
}
