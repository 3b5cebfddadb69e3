// An Entra token from the Azure CLI's login (`az account get-access-token`), run safely: execFile without a
// shell, a fixed argv, a validated tenant, a working directory outside the repository, and only the variables
// az needs in its environment (checklist A3, A7). @azure/identity 4.13.1's AzureCliCredential runs
// `child_process.exec` on a joined command line, i.e. through a shell, so this small class replaces it.
import { execFile } from 'node:child_process';
import { parse } from 'node:path';

import { CredentialError } from './classify-token.js';
import { AZURE_DEVOPS_RESOURCE_ID, AZURE_DEVOPS_SCOPE } from './entra-config.js';
import { locateAzureCli, type AzureCliCommand } from './locate-azure-cli.js';
import type { AccessTokenLike, TokenCredentialLike } from './refreshing-token.js';

export interface AzRunResult {
  readonly stdout: string;
  readonly stderr: string;
  /** A spawn error code (`ENOENT`) or the exit code; undefined on success. */
  readonly failure?: string | number;
}

/** Runs a program without a shell; injectable so tests can assert the exact call. */
export type AzRunner = (
  file: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Record<string, string>; readonly timeoutMs: number },
) => Promise<AzRunResult>;

export interface AzureCliCredentialOptions {
  readonly tenantId?: string | undefined;
  /** The parent's environment; only the allow-listed names are passed on. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly run?: AzRunner | undefined;
  /** How az is started. @default locateAzureCli for this platform and `env` */
  readonly command?: AzureCliCommand;
  /** @default 30_000 */
  readonly timeoutMs?: number;
}

/** What az needs to find itself, its login and a proxy; never a token variable (checklist A3). */
const CHILD_ENV_NAMES = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'SYSTEMROOT',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'AZURE_CONFIG_DIR',
  'AZURE_EXTENSION_DIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'REQUESTS_CA_BUNDLE',
];

export function createAzureCliCredential(options: AzureCliCredentialOptions): TokenCredentialLike {
  const tenantId = options.tenantId;
  if (tenantId !== undefined && !/^[0-9A-Za-z.-]+$/.test(tenantId)) {
    throw new CredentialError('AZURE_TENANT_ID is not a valid tenant id; it is not passed to az');
  }
  const env: Record<string, string> = {};
  for (const name of CHILD_ENV_NAMES) {
    const value = options.env[name];
    if (value !== undefined) env[name] = value;
  }
  const run = options.run ?? runWithExecFile;
  return {
    async getToken(scopes) {
      const scope = typeof scopes === 'string' ? scopes : scopes[0];
      if (scope !== AZURE_DEVOPS_SCOPE) throw new CredentialError(`az: unexpected scope ${String(scope)}`);
      const args = [
        'account',
        'get-access-token',
        '--output',
        'json',
        '--resource',
        AZURE_DEVOPS_RESOURCE_ID,
      ];
      if (tenantId !== undefined) args.push('--tenant', tenantId);
      const command = options.command ?? locateAzureCli({ platform: process.platform, env: options.env });
      if (command === undefined) {
        throw new CredentialError(
          '--auth entra: the Azure CLI was not found (no az.cmd with its python.exe on PATH)',
        );
      }
      // The filesystem root: never the repository, where a planted `az` or Python module could be picked up.
      const result = await run(command.file, [...command.prefixArgs, ...args], {
        cwd: parse(process.cwd()).root,
        env,
        timeoutMs: options.timeoutMs ?? 30_000,
      });
      if (result.failure === 'ENOENT') {
        throw new CredentialError('--auth entra: the Azure CLI (az) is not installed or not on PATH');
      }
      if (result.failure !== undefined) {
        const loginHint = /az login/i.test(result.stderr) ? ': run `az login` first' : '';
        throw new CredentialError(
          `az account get-access-token failed (${String(result.failure)})${loginHint}`,
        );
      }
      return parseAzOutput(result.stdout);
    },
  };
}

/** `{accessToken, expires_on (epoch seconds), expiresOn (local time)}`; the output is never quoted in errors. */
export function parseAzOutput(stdout: string): AccessTokenLike {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new CredentialError('az account get-access-token printed something that is not JSON');
  }
  const { accessToken, expires_on: expiresOnSeconds, expiresOn } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') {
    throw new CredentialError('az account get-access-token returned no accessToken');
  }
  const seconds = Number(expiresOnSeconds);
  const expiresOnTimestamp =
    Number.isFinite(seconds) && seconds > 0
      ? seconds * 1000
      : typeof expiresOn === 'string'
        ? new Date(expiresOn.replace(' ', 'T')).getTime()
        : Number.NaN;
  if (!Number.isFinite(expiresOnTimestamp)) {
    throw new CredentialError('az account get-access-token returned no readable expiry');
  }
  return { token: accessToken.trim(), expiresOnTimestamp };
}

const runWithExecFile: AzRunner = (file, args, options) =>
  new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        const failure =
          error === null ? undefined : typeof code === 'string' || typeof code === 'number' ? code : 'failed';
        resolve({ stdout, stderr, ...(failure === undefined ? {} : { failure }) });
      },
    );
  });
