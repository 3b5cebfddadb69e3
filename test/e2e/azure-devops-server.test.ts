// The CLI against Azure DevOps Server collections (issue 13): credentials a Server cannot take are refused before
// any request, with exit 2 and the fix.
import { describe, expect, it } from 'vitest';

import { makeJwt } from '../support/canary.js';
import { runCli } from '../support/run-cli.js';

describe('azdo-requeue against an Azure DevOps Server collection', () => {
  it.each([
    ['requeue', []],
    ['doctor', ['doctor']],
  ])(
    '%s: --auth entra exits 2 before any request, naming the credentials a Server takes',
    async (_, command) => {
      // tfs.example.test never resolves: reaching the network would fail differently (and later).
      const run = await runCli(
        [
          ...command,
          '--org',
          'https://tfs.example.test/tfs/DefaultCollection/',
          '--project',
          'P',
          '--auth',
          'entra',
        ],
        { env: { SYSTEM_ACCESSTOKEN: makeJwt(), AZURE_FEDERATED_TOKEN_FILE: '/nonexistent' } },
      );

      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /--auth entra: https:\/\/tfs\.example\.test\/tfs\/DefaultCollection is an Azure DevOps Server/,
      );
      expect(run.stderr).toMatch(/job token \(SYSTEM_ACCESSTOKEN\) or a personal access token/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('refuses an --api-version older than any supported Server', async () => {
    const run = await runCli([
      '--org',
      'https://tfs.example.test/tfs/DefaultCollection',
      '--project',
      'P',
      '--api-version',
      '4.1',
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--api-version must be auto or a REST version from 5.0/);
  });
});
