import { describe, expect, it } from 'vitest';

import { checkOidcRequestUri, detectEntraConfig, type EntraDetectOptions } from './entra-config.js';

const CLIENT = '00000000-0000-4000-8000-00000000000c';
const CONNECTION = '00000000-0000-4000-8000-0000000000c0';
const pipelinesEnv = {
  AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: CONNECTION,
  AZURESUBSCRIPTION_CLIENT_ID: CLIENT,
  AZURESUBSCRIPTION_TENANT_ID: 'contoso.onmicrosoft.com',
  SYSTEM_OIDCREQUESTURI:
    'https://dev.azure.com/fabrikam/p/_apis/distributedtask/hubs/build/plans/x/jobs/y/oidctoken',
};
const auto: EntraDetectOptions = { allowAzureCli: false, hasJobToken: true };

describe('detectEntraConfig', () => {
  it('finds an Azure Pipelines service connection with workload identity federation', () => {
    expect(detectEntraConfig(pipelinesEnv, auto)).toEqual({
      config: {
        kind: 'azure-pipelines',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: CLIENT,
        serviceConnectionId: CONNECTION,
        oidcRequestUri: pipelinesEnv.SYSTEM_OIDCREQUESTURI,
      },
      problems: [],
    });
  });

  it('names every missing variable of a half-configured service connection', () => {
    const detection = detectEntraConfig(
      { AZURESUBSCRIPTION_CLIENT_ID: CLIENT },
      { allowAzureCli: false, hasJobToken: false },
    );

    expect(detection.config).toBeUndefined();
    expect(detection.problems).toEqual([
      'service connection settings are incomplete: set AZURESUBSCRIPTION_SERVICE_CONNECTION_ID, AZURESUBSCRIPTION_TENANT_ID, SYSTEM_OIDCREQUESTURI, SYSTEM_ACCESSTOKEN',
    ]);
  });

  it('finds workload identity and managed identity', () => {
    const workload = {
      AZURE_FEDERATED_TOKEN_FILE: '/t',
      AZURE_CLIENT_ID: CLIENT,
      AZURE_TENANT_ID: 'tenant-1',
    };

    expect(detectEntraConfig(workload, auto).config?.kind).toBe('workload-identity');
    expect(detectEntraConfig({ IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi' }, auto).config).toEqual({
      kind: 'managed-identity',
      trigger: 'IDENTITY_ENDPOINT',
    });
    expect(
      detectEntraConfig({ AZURE_CLIENT_ID: CLIENT }, { ...auto, managedIdentityFlag: true }).config,
    ).toEqual({
      kind: 'managed-identity',
      trigger: '--managed-identity',
      clientId: CLIENT,
    });
  });

  it('uses the Azure CLI only when asked for explicitly (a developer login must not win in auto)', () => {
    expect(detectEntraConfig({}, auto).config).toBeUndefined();
    expect(detectEntraConfig({}, { ...auto, allowAzureCli: true }).config).toEqual({ kind: 'azure-cli' });
  });

  it.each([
    ['AZURESUBSCRIPTION_TENANT_ID', 'a;rm -rf /'],
    ['AZURESUBSCRIPTION_TENANT_ID', 'tenant id'],
    ['AZURESUBSCRIPTION_CLIENT_ID', 'not-a-guid'],
    ['AZURESUBSCRIPTION_SERVICE_CONNECTION_ID', `${CONNECTION}&x=1`],
  ])('refuses %s = %j (checklist A7)', (name, value) => {
    const detection = detectEntraConfig({ ...pipelinesEnv, [name]: value }, auto);

    expect(detection.config).toBeUndefined();
    expect(detection.problems[0]).toContain(`${name} is not a valid identifier`);
  });

  it('refuses an Azure CLI tenant with shell characters', () => {
    const detection = detectEntraConfig({ AZURE_TENANT_ID: '$(id)' }, { ...auto, allowAzureCli: true });

    expect(detection).toEqual({
      problems: ['AZURE_TENANT_ID is not a valid identifier (expected a tenant id or domain)'],
    });
  });
});

describe('checkOidcRequestUri (checklist C1, C2: the job token goes only to Azure DevOps)', () => {
  it.each([
    ['https://dev.azure.com/fabrikam/_apis/x', undefined],
    ['https://fabrikam.visualstudio.com/_apis/x', undefined],
    ['https://tfs.contoso.test/tfs/_apis/x', 'https://tfs.contoso.test'],
    ['http://127.0.0.1:8080/oidc', undefined],
  ])('accepts %s', (uri, origin) => {
    expect(checkOidcRequestUri(uri, origin)).toBeUndefined();
  });

  it.each([
    ['http://dev.azure.com/fabrikam/x', /must use https/],
    ['https://evil.test/oidc', /neither Azure DevOps nor the organization/],
    ['https://dev.azure.com.evil.test/x', /neither Azure DevOps/],
    ['not a url', /not a URL/],
  ])('refuses %s', (uri, message) => {
    expect(checkOidcRequestUri(uri, 'https://dev.azure.com')).toMatch(message);
  });
});

describe('detectEntraConfig never falls back past a configuration mistake', () => {
  it('reports an invalid service connection instead of trying the Azure CLI', () => {
    const detection = detectEntraConfig(
      { ...pipelinesEnv, SYSTEM_OIDCREQUESTURI: 'https://evil.test/oidc' },
      { ...auto, allowAzureCli: true },
    );

    expect(detection.config).toBeUndefined();
    expect(detection.problems[0]).toMatch(/refusing to send the job token there/);
  });
});
