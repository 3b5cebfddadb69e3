// `az devops` 0.26 (Debian azure-cli), unmodified, against the emulator: PR list, policy list, policy queue.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const run = promisify(execFile);

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const az = findOnPath('az');
if (az === undefined) {
  console.log('SKIPPED: az devops fidelity test: az not installed');
}

describe('az devops 0.26 against the emulator', () => {
  let emu: RunningEmulator;
  let home: string;

  beforeAll(async () => {
    emu = await startEmulator({ scenario: 'demo' });
    home = await mkdtemp(join(tmpdir(), 'az-emulator-'));
  });

  afterAll(async () => {
    await emu.close();
    await rm(home, { recursive: true, force: true });
  });

  async function azJson(args: string[]): Promise<unknown> {
    // Fresh caches and config per run (§2.2 disk cache), no telemetry, loopback without a proxy (§7.2).
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      AZURE_DEVOPS_EXT_PAT: emu.tokens.pat,
      AZURE_DEVOPS_CACHE_DIR: join(home, 'cache'),
      AZURE_CONFIG_DIR: join(home, 'azure'),
      AZURE_DEVOPS_EXT_CONFIG_DIR: join(home, 'azdevops'),
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
      NO_PROXY: '127.0.0.1',
    };
    const { stdout } = await run(az ?? 'az', [...args, '--org', emu.orgUrl, '-o', 'json'], {
      env,
      timeout: 60_000,
    });
    return JSON.parse(stdout) as unknown;
  }

  it.skipIf(az === undefined)(
    'lists active PRs, lists a PR policy evaluations and queues an expired build check',
    async () => {
      const expired = emu.control.state().evaluations.find((e) => e.isExpired && e.isBuild);
      const prId = String(expired?.pullRequestId ?? 0);

      const prs = (await azJson([
        'repos',
        'pr',
        'list',
        '--project',
        'Contoso Web',
        '--status',
        'active',
      ])) as {
        pullRequestId: number;
      }[];
      const policies = (await azJson(['repos', 'pr', 'policy', 'list', '--id', prId])) as {
        evaluationId: string;
        context: { isExpired?: boolean } | null;
      }[];
      const queued = (await azJson([
        'repos',
        'pr',
        'policy',
        'queue',
        '--id',
        prId,
        '--evaluation-id',
        expired?.evaluationId ?? '',
      ])) as { status: string; context: { isExpired: boolean; buildId: number } };

      expect(prs.length).toBeGreaterThan(10);
      expect(prs.map((pr) => pr.pullRequestId)).toContain(Number(prId));
      expect(policies.find((p) => p.evaluationId === expired?.evaluationId)?.context?.isExpired).toBe(true);
      expect(queued.status).toBe('queued');
      expect(queued.context.isExpired).toBe(false);
      const requeues = emu.control.requeues();
      expect(requeues).toHaveLength(1);
      expect(requeues[0]).toMatchObject({
        evaluationId: expired?.evaluationId,
        token: 'pat',
        newBuildId: queued.context.buildId,
      });
      const log = emu.control.requestLog();
      expect(log.some((entry) => entry.method === 'OPTIONS' && entry.path === '/fabrikam/_apis')).toBe(true);
      expect(log.filter((entry) => entry.method === 'PATCH').every((entry) => entry.scheme === 'Basic')).toBe(
        true,
      );
      expect(log.every((entry) => entry.status < 400)).toBe(true);
    },
    120_000,
  );
});
