// A Credential backed by Microsoft Entra ID: the explicit @azure/identity class for the detected configuration,
// loaded lazily so the CLI's cold start stays fast, its tokens sent as Bearer, refreshed before expiry and
// announced for masking on receipt (checklist A5, A7, B1, D1, D2).
import { format } from 'node:util';

import type { TokenCredentialOptions } from '@azure/identity';

import { redactText } from '../redaction/redact.js';
import { createSecretRegistry } from '../redaction/secret-registry.js';
import type { Clock } from '../util/clock.js';
import { createAzureCliCredential, type AzRunner } from './azure-cli-credential.js';
import { classifyToken } from './classify-token.js';
import { bearerHeader, type Credential } from './credential.js';
import { AZURE_DEVOPS_SCOPE, type EntraConfig } from './entra-config.js';
import { createRefreshingToken, type TokenCredentialLike } from './refreshing-token.js';

export interface EntraDependencies {
  /** Merged into every @azure/identity credential's options; tests point `authorityHost` at loopback. */
  readonly clientOptions?: TokenCredentialOptions & { readonly disableInstanceDiscovery?: boolean };
  readonly runAz?: AzRunner;
  /** Where @azure/identity's own log lines go (AZURE_LOG_LEVEL), already redacted; dropped when absent. */
  readonly log?: (line: string) => void;
  /** Replaces the credential built from the configuration (unit tests of the chain). */
  readonly createTokenCredential?: (config: EntraConfig) => TokenCredentialLike;
}

export interface EntraCredentialOptions {
  readonly config: EntraConfig;
  /** The job token: the service connection exchange is authorised with it (AzurePipelinesCredential). */
  readonly jobToken?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Pick<Clock, 'now'>;
  readonly onSecret: (secret: string) => void;
  readonly dependencies?: EntraDependencies | undefined;
}

/** A human name of where the token comes from, for doctor and the run header. */
export function describeEntraSource(config: EntraConfig): string {
  switch (config.kind) {
    case 'azure-pipelines':
      return `AzurePipelinesCredential (service connection ${config.serviceConnectionId})`;
    case 'workload-identity':
      return 'WorkloadIdentityCredential (AZURE_FEDERATED_TOKEN_FILE)';
    case 'managed-identity':
      return `ManagedIdentityCredential (${config.trigger}${config.clientId ? `, client ${config.clientId}` : ''})`;
    case 'azure-cli':
      return 'Azure CLI (az account get-access-token)';
  }
}

/** Builds the credential and acquires the first token, so a misconfiguration fails before any API call. */
export async function createEntraCredential(options: EntraCredentialOptions): Promise<Credential> {
  const { config, dependencies = {} } = options;
  const secrets: string[] = [];
  const known = options.jobToken === undefined ? [] : [options.jobToken];
  const tokenCredential = dependencies.createTokenCredential
    ? dependencies.createTokenCredential(config)
    : await buildTokenCredential(options);
  const refreshing = createRefreshingToken({
    credential: tokenCredential,
    scope: AZURE_DEVOPS_SCOPE,
    clock: options.clock,
    onToken: (token) => {
      secrets.push(token);
      options.onSecret(token);
    },
    describeFailure: (error) => describeEntraFailure(config, error, [...known, ...secrets]),
  });
  // The App Service / Arc identity header lets anyone on the machine ask for tokens: mask it too, in failures too.
  if (config.kind === 'managed-identity') {
    for (const name of ['IDENTITY_HEADER', 'MSI_SECRET']) {
      const value = options.env[name]?.trim();
      if (value) {
        known.push(value);
        options.onSecret(value);
      }
    }
  }
  const first = await refreshing.get();
  return {
    kind: 'entra',
    source: describeEntraSource(config),
    scheme: 'Bearer',
    tokenShape: classifyToken(first),
    secrets,
    // Entra access tokens are always Bearer, never Basic (checklist A6).
    authorize: async () => bearerHeader(await refreshing.get()),
    expiresAt: () => refreshing.expiresAt(),
    invalidate: () => refreshing.invalidate(),
  };
}

async function buildTokenCredential(options: EntraCredentialOptions): Promise<TokenCredentialLike> {
  const { config, dependencies = {} } = options;
  if (config.kind === 'azure-cli') {
    return createAzureCliCredential({
      env: options.env,
      tenantId: config.tenantId,
      run: dependencies.runAz,
    });
  }
  const [identity, { AzureLogger }] = await Promise.all([import('@azure/identity'), import('@azure/logger')]);
  // @azure/identity logs (with AZURE_LOG_LEVEL) straight to stderr, around our redacting writers; some of its
  // error paths print whole responses. Route every line through the redactor instead (checklist B5).
  const log = dependencies.log;
  AzureLogger.log = (...args: unknown[]) => log?.(redactText(format(...args)));
  const clientOptions = dependencies.clientOptions ?? {};
  switch (config.kind) {
    case 'azure-pipelines':
      return new identity.AzurePipelinesCredential(
        config.tenantId,
        config.clientId,
        config.serviceConnectionId,
        options.jobToken ?? '',
        clientOptions,
      );
    case 'workload-identity':
      return new identity.WorkloadIdentityCredential({
        ...clientOptions,
        tenantId: config.tenantId,
        clientId: config.clientId,
        tokenFilePath: config.tokenFilePath,
      });
    case 'managed-identity':
      return new identity.ManagedIdentityCredential({
        ...clientOptions,
        ...(config.clientId === undefined ? {} : { clientId: config.clientId }),
      });
  }
}

/**
 * The first line of the library's message (AADSTS codes live there; later lines may dump a whole response,
 * request headers included), with every known secret in every form and token-shaped text removed, then cut at
 * 400 characters: masking after the cut would miss a secret the cut splits.
 */
export function describeEntraFailure(
  config: EntraConfig,
  error: unknown,
  secrets: readonly string[],
): string {
  const raw = error instanceof Error ? error.message : String(error);
  const registry = createSecretRegistry();
  for (const secret of secrets) for (const part of secret.split(/\r?\n/)) registry.add(part);
  const line = registry.redact(raw.split(/\r?\n/)[0] ?? '').slice(0, 400);
  const name = error instanceof Error ? `${error.name}: ` : '';
  return `Microsoft Entra ID (${describeEntraSource(config)}) gave no token: ${name}${line}`;
}
