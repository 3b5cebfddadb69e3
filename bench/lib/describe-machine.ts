// The facts about the machine and the tree that a reader needs to judge the figures in results.json.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface MachineDescription {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryMb: number;
  /** 1, 5 and 15-minute load averages: above the core count, other work competed for the CPUs. */
  readonly loadAverage: readonly number[];
  /** The commit measured, with `+dirty` when the working tree differed from it. */
  readonly commit: string;
}

function describeCommit(repository: string): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', ['-C', repository, ...args], { encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'src').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+dirty (src/ differs from the commit)' : ''}`;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(repository: string): MachineDescription {
  const processors = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: processors.length,
    cpuModel: processors[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
    commit: describeCommit(repository),
  };
}
