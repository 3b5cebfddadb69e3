// `npm start`, the README's first promise: the demo runs the real CLI against the embedded emulator and ends with
// every expired check requeued once and no running build cancelled.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../../dist/demo/main.js', import.meta.url));

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // No token or pipeline variable of the machine running the test reaches the demo.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SYSTEM_|TF_BUILD$|AZURE_|BUILD_|AGENT_)/.test(name)),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start (the demo)', () => {
  it('requeues the checks a merge expired, each once, cancels nothing, and exits 0', async () => {
    const run = await runDemo();

    expect(run.code, run.stderr).toBe(0);
    const expired = /(\d+) build checks\s+of \d+ pull requests expire/.exec(run.stdout);
    const record =
      /(\d+) builds queued for (\d+) checks,\s+0 checks requeued twice, 0 running builds cancelled/.exec(
        run.stdout,
      );
    expect(expired, run.stdout).not.toBeNull();
    expect(record, run.stdout).not.toBeNull();
    expect(Number(record?.[1])).toBeGreaterThan(0);
    expect(record?.[1]).toBe(record?.[2]);
    expect(run.stdout).toMatch(/The CLI exited with 0\./);
  }, 60_000);
});
