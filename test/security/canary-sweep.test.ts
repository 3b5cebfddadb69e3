// The canary leak sweep (checklist E1): every command and every failure path of the BUILT CLI, with random
// canary tokens (JWT-shaped, 84-character AZDO PAT, 52-character legacy PAT), and no canary or any encoded form
// in stdout, stderr, files written, URLs sent, /proc/<pid>/cmdline or a child's environment (A1, A3, B5, C4, D3).
// One emulator serves every run; faults are set through its control API.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  DEMO_SCENARIO,
  startEmulator,
  type FaultSettings,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { assertNoLeak, makeCanaries, makeJwt } from '../support/canary.js';
import { installFakeAz, type FakeAz } from '../support/fake-az/install-fake-az.js';
import { lastSeq, readTree, receivedUrls, runSurfaces } from './support/leak-surfaces.js';
import { runWatchedCli } from './support/run-watched-cli.js';

const canaries = makeCanaries();
/** A valid-looking token the emulator never issued: the 401 path. */
const unknownToken = makeJwt();
let emulator: RunningEmulator;
let root: string;
let fakeAz: FakeAz;

interface SweepRun {
  readonly name: string;
  readonly args: (org: string, dir: string) => string[];
  readonly env?: Record<string, string>;
  readonly faults?: FaultSettings;
  readonly stdin?: string;
  /**
   * 'crash' and 'rejection' preload a module that throws an error quoting the token mid-run (once the CLI has
   * installed its signal handlers, so the machine's load cannot move it into start-up); 'startup' throws as soon as
   * the bin's first handler exists, before the redactor is loaded.
   */
  readonly preload?: 'crash' | 'rejection' | 'startup';
  readonly exitCode?: number;
}

const JOB = () => ({ SYSTEM_ACCESSTOKEN: canaries.jwt, AZURE_DEVOPS_EXT_PAT: canaries.pat });
const project = (org: string) => ['--org', org, '--project', 'Contoso Web'];

const RUNS: SweepRun[] = [
  {
    name: 'requeue with a summary file',
    args: (org, dir) => [...project(org), '--summary-file', join(dir, 's.md')],
    env: JOB(),
    exitCode: 0,
  },
  { name: '--dry-run', args: (org) => [...project(org), '--dry-run'], env: JOB(), exitCode: 0 },
  {
    name: '--output json',
    args: (org) => [...project(org), '--output', 'json', '--dry-run'],
    env: JOB(),
    exitCode: 0,
  },
  { name: '--debug', args: (org) => [...project(org), '--debug', '--dry-run'], env: JOB(), exitCode: 0 },
  {
    name: 'in a pipeline (TF_BUILD), summary uploaded from the agent temp directory',
    args: (org) => project(org),
    env: { ...JOB(), TF_BUILD: 'True' },
    exitCode: 0,
  },
  { name: 'doctor', args: (org) => ['doctor', ...project(org)], env: JOB(), exitCode: 0 },
  {
    name: 'doctor --output json --debug',
    args: (org) => ['doctor', ...project(org), '--output', 'json', '--debug'],
    env: JOB(),
    exitCode: 0,
  },
  {
    name: 'a PAT (84-char AZDO) without the permission: 403 TF401027',
    args: (org) => project(org),
    env: { AZURE_DEVOPS_EXT_PAT: canaries.pat },
    exitCode: 3,
  },
  {
    name: 'a legacy PAT on stdin the server rejects: 401',
    args: (org) => [...project(org), '--pat-stdin'],
    stdin: `${canaries.legacyPat}\r\n`,
    exitCode: 3,
  },
  {
    name: 'doctor with a rejected token: 401',
    args: (org) => ['doctor', ...project(org)],
    env: { SYSTEM_ACCESSTOKEN: unknownToken },
    exitCode: 3,
  },
  {
    name: 'a 203 answer',
    args: (org) => project(org),
    env: JOB(),
    faults: { requests: [{ kind: 'status', status: 203, path: '_apis/projects' }] },
    exitCode: 3,
  },
  {
    name: 'an HTML sign-in page',
    args: (org) => project(org),
    env: JOB(),
    faults: { requests: [{ kind: 'html', path: 'git/pullrequests' }] },
    exitCode: 3,
  },
  {
    name: 'an unknown project: 404 TF200016',
    args: (org) => ['--org', org, '--project', 'Nope'],
    env: JOB(),
    exitCode: 2,
  },
  {
    name: 'an unknown repository: 404 TF401019',
    args: (org) => [...project(org), '--repository', 'nope'],
    env: JOB(),
    exitCode: 2,
  },
  {
    name: 'throttled: 429 with Retry-After',
    args: (org) => [...project(org), '--dry-run'],
    env: JOB(),
    faults: { throttle: { afterRequests: 8, retryAfterSeconds: 1 } },
    exitCode: 0,
  },
  {
    name: '500 answers (a read and the PATCH)',
    args: (org) => project(org),
    env: JOB(),
    faults: {
      requests: [
        { kind: 'status', status: 500, method: 'GET', path: 'policy/evaluations', count: 1 },
        { kind: 'status', status: 500, method: 'PATCH', count: 1 },
      ],
    },
  },
  {
    name: 'malformed JSON',
    args: (org) => project(org),
    env: JOB(),
    faults: { requests: [{ kind: 'truncated', path: 'git/pullrequests' }] },
  },
  {
    name: 'a crash (uncaught exception quoting the token)',
    args: (org) => project(org),
    env: JOB(),
    preload: 'crash',
    exitCode: 1,
  },
  {
    name: 'a crash (unhandled rejection quoting the token)',
    args: (org) => project(org),
    env: JOB(),
    preload: 'rejection',
    exitCode: 1,
  },
  {
    name: 'a crash while starting (before the redactor is loaded)',
    args: (org) => project(org),
    env: JOB(),
    preload: 'startup',
    exitCode: 1,
  },
  { name: 'emulator --help', args: () => ['emulator', '--help'], env: JOB(), exitCode: 0 },
  { name: '--help', args: () => ['--help'], env: JOB(), exitCode: 0 },
  { name: '--version', args: () => ['--version'], env: JOB(), exitCode: 0 },
  { name: 'a bad flag', args: () => ['--token', canaries.legacyPat.slice(0, 6)], env: JOB(), exitCode: 2 },
];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'azdo-requeue-sweep-'));
  await Promise.all(['home', 'tmp', 'agent-temp', 'cwd', 'files'].map((dir) => mkdir(join(root, dir))));
  const denyThePat = {
    ...DEMO_SCENARIO.identity,
    denied: [{ token: 'pat' as const, permission: 'PullRequestContribute' as const }],
  };
  emulator = await startEmulator({
    scenario: { ...DEMO_SCENARIO, identity: denyThePat },
    tokens: { jobToken: canaries.jwt, pat: canaries.pat },
  });
  fakeAz = await installFakeAz({ accessToken: canaries.jwt });
  for (const kind of ['crash', 'rejection', 'startup']) {
    const raise = kind === 'rejection' ? 'void Promise.reject(error)' : 'throw error';
    const ready =
      kind === 'startup'
        ? "process.listenerCount('uncaughtException') > 0"
        : "process.listenerCount('SIGTERM') > 0";
    const module = [
      'const token = process.env.SYSTEM_ACCESSTOKEN ?? "";',
      'const timer = setInterval(() => {',
      `  if (!(${ready})) return;`,
      '  clearInterval(timer);',
      '  const error = new Error(`boom ${token} ${Buffer.from(":" + token).toString("base64")} ${encodeURIComponent(token)}`);',
      `  ${raise};`,
      '}, 1);',
    ].join('\n');
    await writeFile(join(root, `${kind}.mjs`), module);
  }
});

afterAll(async () => {
  await emulator.close();
  await fakeAz.remove();
  await rm(root, { recursive: true, force: true });
});

describe('canary sweep over the built CLI', () => {
  it.each(RUNS)('$name: no canary anywhere', async (run) => {
    emulator.control.reset();
    emulator.control.setFaults(run.faults ?? {});
    emulator.control.setLatency(run.preload ? 1_500 : 0);
    const since = lastSeq(emulator);

    const result = await runWatchedCli(run.args(emulator.orgUrl, join(root, 'files')), {
      env: {
        HOME: join(root, 'home'),
        TMPDIR: join(root, 'tmp'),
        AGENT_TEMPDIRECTORY: join(root, 'agent-temp'),
        ...run.env,
      },
      cwd: join(root, 'cwd'),
      ...(run.stdin === undefined ? {} : { stdin: run.stdin }),
      ...(run.preload ? { preloads: [join(root, `${run.preload}.mjs`)] } : {}),
    });

    assertNoLeak({ ...runSurfaces(result), urls: receivedUrls(emulator, since) }, [
      ...canaries.all,
      unknownToken,
    ]);
    expect(result.refusedConnections).toEqual([]);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    if (run.exitCode !== undefined) expect(result.code, result.stderr).toBe(run.exitCode);
    if (run.preload === 'startup') expect(result.stderr).toContain('internal error while starting');
    else if (run.preload) expect(result.stderr).toContain('internal error: boom *** *** ***');
  });

  it('Microsoft Entra ID through az: the child gets a fixed argv and no token in its environment', async () => {
    emulator.control.reset();
    emulator.control.setFaults({});
    const since = lastSeq(emulator);

    const result = await runWatchedCli([...project(emulator.orgUrl), '--auth', 'entra', '--dry-run'], {
      env: { ...JOB(), HOME: join(root, 'home'), PATH: fakeAz.pathWith(process.env['PATH']) },
      cwd: join(root, 'cwd'),
    });
    const calls = await fakeAz.calls();

    expect(result.code, result.stderr).toBe(0);
    expect(calls.map((call) => call.argv)).toEqual([
      [
        'account',
        'get-access-token',
        '--output',
        'json',
        '--resource',
        '499b84ac-1321-427f-aa17-267ca6975798',
      ],
    ]);
    expect(Object.keys(calls[0]?.env ?? {})).not.toContain('SYSTEM_ACCESSTOKEN');
    expect(calls[0]?.cwd).toBe('/');
    assertNoLeak(
      { ...runSurfaces(result), urls: receivedUrls(emulator, since), child: await fakeAz.recordedText() },
      [...canaries.all, unknownToken],
    );
  });

  it('left no canary in any file under HOME, TMPDIR, the agent temp directory, the cwd or the written files (D3)', async () => {
    const files = await readTree(root);

    expect(Object.keys(files).some((path) => path.startsWith('file files/s.md'))).toBe(true);
    expect(Object.keys(files).some((path) => path.startsWith('file agent-temp/'))).toBe(true);
    const written = Object.fromEntries(Object.entries(files).filter(([path]) => !/\.mjs$/.test(path)));
    assertNoLeak(written, [...canaries.all, unknownToken]);
  });
});
