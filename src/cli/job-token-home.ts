// In a pipeline the job token belongs to the organization the pipeline runs in (SYSTEM_COLLECTIONURI): it is
// refused for any other one unless --allow-foreign-org says so (issue 16 item 7). A typo in --org, or an --org
// taken from an untrusted place, must not hand the job's identity to another host.
import type { OrganizationUrl } from '../index.js';
import { UsageError } from './command-line.js';

/**
 * The organization a URL names, comparable across its spellings: `https://dev.azure.com/Fabrikam` and
 * `https://fabrikam.visualstudio.com` are one organization; a server collection is its whole URL.
 */
function organizationKey(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase();
  const firstSegment = parsed.pathname.split('/').find((part) => part !== '') ?? '';
  if (host === 'dev.azure.com')
    return `azure-devops-services/${decodeURIComponent(firstSegment).toLowerCase()}`;
  if (host.endsWith('.visualstudio.com')) return `azure-devops-services/${host.split('.')[0] ?? ''}`;
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

/** Throws a usage error (exit 2) with the fix when a job token would go to another organization than the pipeline's. */
export function refuseForeignOrganization(
  organization: OrganizationUrl,
  env: Readonly<Record<string, string | undefined>>,
  allowForeignOrg: boolean,
): void {
  const home = env['SYSTEM_COLLECTIONURI']?.trim();
  if (allowForeignOrg || env['TF_BUILD']?.toLowerCase() !== 'true' || !home) return;
  let homeKey: string;
  try {
    homeKey = organizationKey(home);
  } catch {
    return;
  }
  if (homeKey === organizationKey(organization.url)) return;
  throw new UsageError(
    `refusing to send this pipeline's job token to ${organization.url}: the pipeline runs in ${home}, and the job ` +
      'token belongs there. Point --org at that organization, or, if this other organization really is meant to ' +
      'receive the job token (an Azure DevOps Server collection behind another name), pass --allow-foreign-org.',
  );
}
