// Validates the organization (collection) URL once, so every later URL is built from a trusted origin.
// Accepted: https://dev.azure.com/{org}, https://{org}.visualstudio.com, https://host[:port][/tfs]/{collection}
// (an Azure DevOps Server collection, under any virtual directory);
// plain http only to loopback (the emulator), reference §1.1.
import { isLoopbackHost } from '../http/policies/auth-policy.js';

export interface OrganizationUrl {
  /** Without a trailing slash: `https://dev.azure.com/fabrikam`. */
  readonly url: string;
  /** `https://dev.azure.com`: the only origin that ever receives the credential. */
  readonly origin: string;
  readonly isLoopbackHttp: boolean;
  /**
   * Where it points: Azure DevOps Services (dev.azure.com, *.visualstudio.com), a loopback address (an emulator,
   * either kind), or any other host, which can only be an Azure DevOps Server (on-premises) collection.
   */
  readonly deployment: 'services' | 'loopback' | 'server';
}

export class OrganizationUrlError extends Error {
  override readonly name = 'OrganizationUrlError';
}

export function parseOrganizationUrl(input: string): OrganizationUrl {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    throw new OrganizationUrlError(`"${input}" is not a URL; expected https://dev.azure.com/{organization}`);
  }
  if (parsed.username || parsed.password) {
    throw new OrganizationUrlError('the organization URL must not contain a user name or password');
  }
  if (parsed.search || parsed.hash) {
    throw new OrganizationUrlError('the organization URL must not have a query or fragment');
  }
  const isLoopbackHttp = parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:' && !isLoopbackHttp) {
    throw new OrganizationUrlError(
      `refusing ${parsed.protocol}//${parsed.host}: credentials go only over https (plain http only to loopback)`,
    );
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  if (parsed.hostname.toLowerCase() === 'dev.azure.com' && path.split('/').filter(Boolean).length !== 1) {
    throw new OrganizationUrlError(`expected https://dev.azure.com/{organization}, got "${input}"`);
  }
  const isVisualStudio = parsed.hostname.toLowerCase().endsWith('.visualstudio.com');
  if (!isVisualStudio && path === '' && !isLoopbackHttp) {
    throw new OrganizationUrlError(
      `"${input}" names no organization or collection (https://dev.azure.com/{org} or https://server/tfs/{collection})`,
    );
  }
  const deployment =
    isVisualStudio || parsed.hostname.toLowerCase() === 'dev.azure.com'
      ? 'services'
      : isLoopbackHost(parsed.hostname)
        ? 'loopback'
        : 'server';
  return { url: `${parsed.origin}${path}`, origin: parsed.origin, isLoopbackHttp, deployment };
}

/**
 * Microsoft Entra ID sign-in exists only in Azure DevOps Services; a Server collection would answer its token with
 * a confusing 401, so `--auth entra` against one is a configuration error, said before any request.
 */
export function refuseEntraOnServer(organization: OrganizationUrl, setting = '--auth entra'): void {
  if (organization.deployment !== 'server') return;
  throw new OrganizationUrlError(
    `${setting}: ${organization.url} is an Azure DevOps Server (on-premises) collection, and Microsoft Entra ID ` +
      'sign-in exists only in Azure DevOps Services (dev.azure.com). On a Server use the pipeline job token ' +
      '(SYSTEM_ACCESSTOKEN) or a personal access token (AZURE_DEVOPS_EXT_PAT or --pat-stdin).',
  );
}
