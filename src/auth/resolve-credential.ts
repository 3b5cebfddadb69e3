// The credential chain: the job token first (what a pipeline gives), then a PAT as a warned fallback.
// Tokens come only from the environment or stdin, never from argv (security checklist A1, A5).
import { classifyToken, CredentialError, normalizeToken } from './classify-token.js';
import { basicHeader, bearerHeader, type Credential } from './credential.js';
import { readJwtExpiry } from './jwt-expiry.js';

export type AuthMode = 'auto' | 'job-token' | 'entra' | 'pat';

export interface CredentialSources {
  /** `SYSTEM_ACCESSTOKEN`: the job's OAuth token, mapped into the step's env. */
  readonly jobToken?: string | undefined;
  /** `AZURE_DEVOPS_EXT_PAT` (the variable az devops reads), or a PAT read from stdin. */
  readonly pat?: string | undefined;
  readonly patSource?: string;
  /** The rest of the environment: Microsoft Entra ID settings (AZURE_*, SYSTEM_OIDCREQUESTURI, …). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedCredential {
  readonly credential: Credential;
  /** Why this credential was chosen, for doctor and the run header. */
  readonly why: string;
  readonly warnings: readonly string[];
}

export const MISSING_TOKEN_FIX = [
  'no credential found. In a pipeline, map the job token into the step:',
  '  YAML:    env:',
  '             SYSTEM_ACCESSTOKEN: $(System.AccessToken)',
  '  classic: enable "Allow scripts to access the OAuth token" on the agent job.',
  'Outside a pipeline, set AZURE_DEVOPS_EXT_PAT (a short-lived, minimally scoped PAT) or use --pat-stdin.',
].join('\n');

const PAT_WARNING =
  'using a personal access token: prefer the pipeline job token (SYSTEM_ACCESSTOKEN) or Microsoft Entra ID; ' +
  'a PAT is long-lived and leaks are costly (https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/entra)';

export async function resolveCredential(
  mode: AuthMode,
  sources: CredentialSources,
): Promise<ResolvedCredential> {
  await Promise.resolve();
  if (mode === 'entra') {
    throw new CredentialError(
      'Microsoft Entra ID authentication is not available in this build; use the job token',
    );
  }
  if (
    (mode === 'auto' || mode === 'job-token') &&
    sources.jobToken !== undefined &&
    sources.jobToken !== ''
  ) {
    return fromToken(
      normalizeToken(sources.jobToken, 'SYSTEM_ACCESSTOKEN'),
      'job-token',
      'SYSTEM_ACCESSTOKEN',
      [
        mode === 'auto'
          ? 'SYSTEM_ACCESSTOKEN is set (the pipeline job token, first in the chain)'
          : '--auth job-token',
      ],
    );
  }
  if (mode === 'job-token') throw new CredentialError(`--auth job-token: ${MISSING_TOKEN_FIX}`);
  if (sources.pat !== undefined && sources.pat !== '') {
    const source = sources.patSource ?? 'AZURE_DEVOPS_EXT_PAT';
    const resolved = fromToken(normalizeToken(sources.pat, source), 'pat', source, [
      mode === 'auto' ? `no job token; ${source} is set (fallback)` : '--auth pat',
    ]);
    return { ...resolved, warnings: [PAT_WARNING, ...resolved.warnings] };
  }
  throw new CredentialError(MISSING_TOKEN_FIX);
}

function fromToken(
  token: string,
  kind: 'job-token' | 'pat',
  source: string,
  why: string[],
): ResolvedCredential {
  const shape = classifyToken(token);
  const warnings: string[] = [];
  // A PAT is never sent as Bearer, and a JWT never as Basic (checklist A6).
  const header =
    shape === 'pat' || (kind === 'pat' && shape === 'opaque') ? basicHeader(token) : bearerHeader(token);
  if (kind === 'job-token' && shape === 'pat') {
    warnings.push(`${source} holds a personal access token, not a job token; sending it as Basic`);
  }
  const credential: Credential = {
    kind: kind === 'job-token' && shape === 'pat' ? 'pat' : kind,
    source,
    secrets: [token, header.slice(header.indexOf(' ') + 1)],
    authorize: () => Promise.resolve(header),
    expiresAt: () => (shape === 'jwt' ? readJwtExpiry(token) : undefined),
  };
  return { credential, why: why.join('; '), warnings };
}
