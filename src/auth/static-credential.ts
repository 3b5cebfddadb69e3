// A credential from a fixed token (the job token or a PAT): its scheme follows the token's shape, so a PAT is
// never sent as Bearer and a JWT never as Basic, whichever variable it came from (checklist A6).
import { classifyToken } from './classify-token.js';
import { basicHeader, bearerHeader, type Credential, type ResolvedCredential } from './credential.js';
import { readJwtExpiry } from './token-lifetime.js';

/** The one PAT warning: names the better options and links the Entra guidance (checklist A5). */
export const PAT_WARNING =
  'using a personal access token: prefer the pipeline job token (SYSTEM_ACCESSTOKEN) or Microsoft Entra ID; ' +
  'a PAT is long-lived and leaks are costly. If you must, use an organization-scoped PAT with the least scopes ' +
  '(Code: Read & write) and the shortest expiry ' +
  '(https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/entra)';

export function credentialFromToken(
  token: string,
  kind: 'job-token' | 'pat',
  source: string,
  why: string,
): ResolvedCredential {
  const shape = classifyToken(token);
  // An opaque value in the PAT variable is a PAT (Basic); an opaque job token stays Bearer (reference §1.3).
  const scheme = shape === 'pat' || (kind === 'pat' && shape === 'opaque') ? 'Basic' : 'Bearer';
  const header = scheme === 'Basic' ? basicHeader(token) : bearerHeader(token);
  const warnings: string[] = [];
  const actualKind = scheme === 'Basic' ? 'pat' : kind;
  if (kind === 'job-token' && shape === 'pat') {
    warnings.push(`${source} holds a personal access token, not a job token; sending it as Basic`);
  }
  if (kind === 'pat' && shape === 'jwt') {
    warnings.push(`${source} holds a JWT, not a personal access token; sending it as Bearer`);
  }
  if (actualKind === 'pat') warnings.push(PAT_WARNING);
  const credential: Credential = {
    kind: actualKind,
    source,
    scheme,
    tokenShape: shape,
    // The raw token, the exact header value after the scheme (base64(":"+PAT)) and the form node-api sends
    // (base64("PAT:"+PAT)): the agent masks none of the encodings by itself (checklist B1, B2).
    secrets:
      scheme === 'Bearer'
        ? [token]
        : [token, header.slice('Basic '.length), Buffer.from(`PAT:${token}`).toString('base64')],
    authorize: () => Promise.resolve(header),
    expiresAt: () => (shape === 'jwt' ? readJwtExpiry(token) : undefined),
  };
  return { credential, why, warnings };
}
