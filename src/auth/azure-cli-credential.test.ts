import { describe, expect, it } from 'vitest';

import { makeJwt } from '../../test/support/canary.js';
import {
  createAzureCliCredential,
  parseAzOutput,
  type AzRunner,
  type AzRunResult,
} from './azure-cli-credential.js';
import { AZURE_DEVOPS_SCOPE } from './entra-config.js';

interface Call {
  readonly file: string;
  readonly args: readonly string[];
  readonly options: Parameters<AzRunner>[2];
}

function recordingRunner(result: AzRunResult): { run: AzRunner; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    run: (file, args, options) => {
      calls.push({ file, args, options });
      return Promise.resolve(result);
    },
  };
}

describe('createAzureCliCredential (checklist A3, A7)', () => {
  it('runs az with a fixed argv, no shell, a working directory outside the repository and a minimal env', async () => {
    const token = makeJwt();
    const { run, calls } = recordingRunner({
      stdout: JSON.stringify({ accessToken: token, expires_on: 2_000_000_000, tokenType: 'Bearer' }),
      stderr: '',
    });
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/u',
      SYSTEM_ACCESSTOKEN: makeJwt(),
      AZURE_DEVOPS_EXT_PAT: 'secret-pat-value',
      AZURE_CONFIG_DIR: '/tmp/az',
    };

    const credential = createAzureCliCredential({ tenantId: 'contoso.onmicrosoft.com', env, run });
    const accessToken = await credential.getToken(AZURE_DEVOPS_SCOPE);

    expect(accessToken).toEqual({ token, expiresOnTimestamp: 2_000_000_000_000 });
    expect(calls).toEqual([
      {
        file: 'az',
        args: [
          'account',
          'get-access-token',
          '--output',
          'json',
          '--resource',
          '499b84ac-1321-427f-aa17-267ca6975798',
          '--tenant',
          'contoso.onmicrosoft.com',
        ],
        options: {
          cwd: '/',
          env: { PATH: '/usr/bin', HOME: '/home/u', AZURE_CONFIG_DIR: '/tmp/az' },
          timeoutMs: 30_000,
        },
      },
    ]);
    expect(calls[0]?.options).not.toHaveProperty('shell');
  });

  it.each(['a;rm -rf /', 'x y', '$(id)', 'a|b'])(
    'refuses the tenant %j before running anything',
    (tenantId) => {
      expect(() => createAzureCliCredential({ tenantId, env: {} })).toThrow(/not a valid tenant id/);
    },
  );

  it('runs the located command with its prefix before the fixed argv', async () => {
    const { run, calls } = recordingRunner({
      stdout: JSON.stringify({ accessToken: makeJwt(), expires_on: 2_000_000_000 }),
      stderr: '',
    });
    const command = { file: 'D:\\az\\python.exe', prefixArgs: ['-IBm', 'azure.cli'] };

    await createAzureCliCredential({ env: {}, run, command }).getToken(AZURE_DEVOPS_SCOPE);

    expect(calls[0]?.file).toBe('D:\\az\\python.exe');
    expect(calls[0]?.args.slice(0, 4)).toEqual(['-IBm', 'azure.cli', 'account', 'get-access-token']);
  });

  it('refuses any scope but Azure DevOps', async () => {
    const { run, calls } = recordingRunner({ stdout: '{}', stderr: '' });

    await expect(createAzureCliCredential({ env: {}, run }).getToken('https://x/.default')).rejects.toThrow(
      /unexpected scope/,
    );
    expect(calls).toEqual([]);
  });

  it.each([
    [{ stdout: '', stderr: '', failure: 'ENOENT' }, /not installed or not on PATH/],
    [{ stdout: '', stderr: "Please run 'az login' to setup account.", failure: 1 }, /run `az login` first/],
  ])('explains a failure of az', async (result, message) => {
    const { run } = recordingRunner(result);

    await expect(createAzureCliCredential({ env: {}, run }).getToken(AZURE_DEVOPS_SCOPE)).rejects.toThrow(
      message,
    );
  });

  it('never quotes az output in an error, since it may hold the token', async () => {
    const token = makeJwt();
    const { run } = recordingRunner({ stdout: `{"accessToken":"${token}", truncated`, stderr: '' });

    const error = await createAzureCliCredential({ env: {}, run })
      .getToken(AZURE_DEVOPS_SCOPE)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain(token.slice(0, 20));
  });
});

describe('parseAzOutput (checklist D1: expiry from metadata, never decoded)', () => {
  it('reads expiresOn as local time when expires_on is missing', () => {
    const parsed = parseAzOutput(
      JSON.stringify({ accessToken: 'opaque-token-1', expiresOn: '2030-01-02 03:04:05.000000' }),
    );

    expect(parsed.expiresOnTimestamp).toBe(new Date(2030, 0, 2, 3, 4, 5).getTime());
  });

  it.each([['{}'], [JSON.stringify({ accessToken: 'opaque-token-1' })], ['[]']])('refuses %s', (stdout) => {
    expect(() => parseAzOutput(stdout)).toThrow(/az account get-access-token/);
  });
});
