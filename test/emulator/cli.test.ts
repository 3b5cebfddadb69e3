// `azdo-requeue emulator`: --json line, human output, bad flags, and a spawned process stopped by SIGTERM.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/emulator/index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) } };
}

async function untilOutput(out: string[]): Promise<void> {
  for (let i = 0; i < 200 && out.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
}

describe('runEmulatorCommand', () => {
  it('prints exactly one JSON line once listening, serves, and resolves 0 when stopped', async () => {
    const { out, err, io } = capture();
    const stop = new AbortController();

    const running = runEmulatorCommand(['--json', '--port', '0', '--latency', '0'], {
      ...io,
      signal: stop.signal,
    });
    await untilOutput(out);
    const line = JSON.parse(out[0] ?? '') as {
      orgUrl: string;
      projects: unknown[];
      tokens: { jobToken: string; pat: string };
    };
    const answer = await fetch(`${line.orgUrl}/_apis/projects`, {
      headers: { authorization: `Bearer ${line.tokens.jobToken}` },
    });
    stop.abort();

    expect(await running).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]?.endsWith('\n')).toBe(true);
    expect(line.orgUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fabrikam$/);
    expect(line.projects).toHaveLength(2);
    expect(line.tokens.jobToken).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(line.tokens.pat).toMatch(/^[a-z2-7]{52}$/);
    expect(answer.status).toBe(200);
    expect(err).toEqual([]);
  });

  it('shows the org URL, projects and the throwaway credentials in human output', async () => {
    const { out, io } = capture();
    const stop = new AbortController();

    const running = runEmulatorCommand(['emulator'], { ...io, signal: stop.signal });
    await untilOutput(out);
    stop.abort();
    await running;

    const text = out.join('');
    expect(text).toContain('Organization URL: http://127.0.0.1:');
    expect(text).toContain('Contoso Web');
    expect(text).toContain('throwaway tokens');
    expect(text).toMatch(/PAT \(Basic\): +[a-z2-7]{52}/);
  });

  it('--server-version 2022 serves the collection URL and says so in both outputs', async () => {
    const json = capture();
    const human = capture();
    const stop = new AbortController();

    const running = [
      runEmulatorCommand(['--server-version', '2022', '--json'], { ...json.io, signal: stop.signal }),
      runEmulatorCommand(['--server-version', '2022'], { ...human.io, signal: stop.signal }),
    ];
    await untilOutput(json.out);
    await untilOutput(human.out);
    const line = JSON.parse(json.out[0] ?? '') as {
      orgUrl: string;
      collectionUrl: string;
      serverVersion: string;
    };
    stop.abort();

    expect(await Promise.all(running)).toEqual([0, 0]);
    expect(line.collectionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tfs\/DefaultCollection\/$/);
    expect(line.orgUrl).toBe(line.collectionUrl.slice(0, -1));
    expect(line.serverVersion).toBe('2022');
    expect(human.out.join('')).toMatch(
      /Server 2022 emulator listening\.\n {2}Collection URL: http:\/\/127\.0\.0\.1:\d+\/tfs\/DefaultCollection\/\n/,
    );
    expect(human.out.join('')).toMatch(/Control API: http:\/\/127\.0\.0\.1:\d+\/_emulator\/state/);
  });

  it.each([['--port', 'abc'], ['--bogus'], ['--latency', '-5'], ['extra'], ['--server-version', '2018']])(
    'rejects %s with exit code 2',
    async (...argv) => {
      const { out, err, io } = capture();

      const code = await runEmulatorCommand(argv, io);

      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('')).toContain('Usage: azdo-requeue emulator');
    },
  );

  it('fails with 1 for a missing scenario file', async () => {
    const { err, io } = capture();

    const code = await runEmulatorCommand(['--scenario', '/nonexistent/scenario.json'], io);

    expect(code).toBe(1);
    expect(err.join('')).toContain('cannot read scenario file');
  });

  it('runs as a process (node --import tsx src/emulator/cli-main.ts) and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli-main.ts', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });

    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');

    expect(JSON.parse(first)).toHaveProperty('orgUrl');
    expect(await exited).toBe(0);
  }, 30_000);
});
