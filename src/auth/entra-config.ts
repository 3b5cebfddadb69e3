// Which Microsoft Entra ID credential the environment configures, decided from variables alone (pure).
// Explicit credential classes only, never a broad DefaultAzureCredential (checklist A7); every identifier that
// reaches a URL or a child's argv is validated first. Resource id: reference §8.

export const AZURE_DEVOPS_RESOURCE_ID = '499b84ac-1321-427f-aa17-267ca6975798';
export const AZURE_DEVOPS_SCOPE = `${AZURE_DEVOPS_RESOURCE_ID}/.default`;

export type EntraConfig =
  | {
      readonly kind: 'azure-pipelines';
      readonly tenantId: string;
      readonly clientId: string;
      readonly serviceConnectionId: string;
      readonly oidcRequestUri: string;
    }
  | {
      readonly kind: 'workload-identity';
      readonly tenantId: string;
      readonly clientId: string;
      readonly tokenFilePath: string;
    }
  | { readonly kind: 'managed-identity'; readonly clientId?: string; readonly trigger: string }
  | { readonly kind: 'azure-cli'; readonly tenantId?: string };

export interface EntraDetectOptions {
  /** `--auth entra`: the Azure CLI is tried too (never in auto, where a developer's login must not win). */
  readonly allowAzureCli: boolean;
  /** `--managed-identity`: use IMDS even without IDENTITY_ENDPOINT / MSI_ENDPOINT (an Azure VM). */
  readonly managedIdentityFlag?: boolean | undefined;
  /** The service connection exchange needs the job token (the OIDC request is authorised with it). */
  readonly hasJobToken: boolean;
  /** The organization origin; the OIDC request URI must be on Azure DevOps or on this origin (checklist C2). */
  readonly organizationOrigin?: string | undefined;
}

export interface EntraDetection {
  readonly config?: EntraConfig;
  /**
   * Half-configured or invalid settings, each with the fix. The first configured source that is invalid ends the
   * detection: falling back to another identity (say, a developer's `az login`) would hide the mistake.
   */
  readonly problems: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** The tenant rule @azure/identity applies too; GUIDs for client and service connection ids. */
const TENANT_ID = /^[0-9A-Za-z.-]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PIPELINES = ['AZURESUBSCRIPTION_SERVICE_CONNECTION_ID', 'AZURESUBSCRIPTION_CLIENT_ID'] as const;

export function detectEntraConfig(env: Env, options: EntraDetectOptions): EntraDetection {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;

  // 1. An Azure Pipelines service connection with workload identity federation (AzureCLI@2 sets these).
  if (PIPELINES.some((name) => value(name) !== undefined)) {
    const missing = [...PIPELINES, 'AZURESUBSCRIPTION_TENANT_ID', 'SYSTEM_OIDCREQUESTURI'].filter(
      (name) => value(name) === undefined,
    );
    if (!options.hasJobToken) missing.push('SYSTEM_ACCESSTOKEN');
    const tenantId = value('AZURESUBSCRIPTION_TENANT_ID') ?? '';
    const clientId = value('AZURESUBSCRIPTION_CLIENT_ID') ?? '';
    const serviceConnectionId = value('AZURESUBSCRIPTION_SERVICE_CONNECTION_ID') ?? '';
    const oidcRequestUri = value('SYSTEM_OIDCREQUESTURI') ?? '';
    if (missing.length > 0) {
      return { problems: [`service connection settings are incomplete: set ${missing.join(', ')}`] };
    } else {
      const invalid = [
        checkId('AZURESUBSCRIPTION_TENANT_ID', tenantId, TENANT_ID),
        checkId('AZURESUBSCRIPTION_CLIENT_ID', clientId, GUID),
        checkId('AZURESUBSCRIPTION_SERVICE_CONNECTION_ID', serviceConnectionId, GUID),
        checkOidcRequestUri(oidcRequestUri, options.organizationOrigin),
      ].filter((problem): problem is string => problem !== undefined);
      if (invalid.length === 0) {
        return {
          config: { kind: 'azure-pipelines', tenantId, clientId, serviceConnectionId, oidcRequestUri },
          problems: [],
        };
      }
      return { problems: invalid };
    }
  }

  // 2. Workload identity (Kubernetes, or any federated token file).
  const tokenFilePath = value('AZURE_FEDERATED_TOKEN_FILE');
  if (tokenFilePath !== undefined) {
    const tenantId = value('AZURE_TENANT_ID');
    const clientId = value('AZURE_CLIENT_ID');
    if (tenantId === undefined || clientId === undefined) {
      return {
        problems: ['AZURE_FEDERATED_TOKEN_FILE is set but AZURE_TENANT_ID or AZURE_CLIENT_ID is not'],
      };
    } else {
      const invalid =
        checkId('AZURE_TENANT_ID', tenantId, TENANT_ID) ?? checkId('AZURE_CLIENT_ID', clientId, GUID);
      if (invalid === undefined) {
        return { config: { kind: 'workload-identity', tenantId, clientId, tokenFilePath }, problems: [] };
      }
      return { problems: [invalid] };
    }
  }

  // 3. Managed identity: App Service / Functions / Arc set an endpoint; on a VM the flag asks for IMDS.
  const trigger = ['IDENTITY_ENDPOINT', 'MSI_ENDPOINT'].find((name) => value(name) !== undefined);
  if (trigger !== undefined || options.managedIdentityFlag === true) {
    const clientId = value('AZURE_CLIENT_ID');
    const invalid = clientId === undefined ? undefined : checkId('AZURE_CLIENT_ID', clientId, GUID);
    if (invalid === undefined) {
      const config = { kind: 'managed-identity', trigger: trigger ?? '--managed-identity' } as const;
      return { config: clientId === undefined ? config : { ...config, clientId }, problems: [] };
    }
    return { problems: [invalid] };
  }

  // 4. The Azure CLI's login, only when asked for explicitly.
  if (options.allowAzureCli) {
    const tenantId = value('AZURE_TENANT_ID');
    const invalid = tenantId === undefined ? undefined : checkId('AZURE_TENANT_ID', tenantId, TENANT_ID);
    if (invalid === undefined) {
      return {
        config: tenantId === undefined ? { kind: 'azure-cli' } : { kind: 'azure-cli', tenantId },
        problems: [],
      };
    }
    return { problems: [invalid] };
  }
  return { problems: [] };
}

function checkId(name: string, id: string, pattern: RegExp): string | undefined {
  return pattern.test(id)
    ? undefined
    : `${name} is not a valid identifier (expected ${pattern === GUID ? 'a GUID' : 'a tenant id or domain'})`;
}

/**
 * The OIDC request carries the job token as Bearer, so it goes only to Azure DevOps over https (or to a
 * loopback test server); anything else would hand the token to whoever set the variable (checklist C1, C2).
 */
export function checkOidcRequestUri(uri: string, organizationOrigin: string | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'SYSTEM_OIDCREQUESTURI is not a URL';
  }
  const host = url.hostname.toLowerCase();
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return `SYSTEM_OIDCREQUESTURI must use https (got ${url.protocol}//${url.host}); refusing to send the job token there`;
  }
  const azureDevOps = host === 'dev.azure.com' || host.endsWith('.visualstudio.com');
  const organization = organizationOrigin !== undefined && new URL(organizationOrigin).origin === url.origin;
  if (!azureDevOps && !organization && !loopback) {
    return `SYSTEM_OIDCREQUESTURI points at ${url.host}, which is neither Azure DevOps nor the organization; refusing to send the job token there`;
  }
  return undefined;
}
