// Spawns the BUILT CLI (dist/cli/main.js, made by `npm test`'s build step) the way a pipeline step runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCliOptions {
  /** Added to a clean environment (no inherited tokens or pipeline variables). */
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string;
  /** @default 60_000 */
  readonly timeoutMs?: number;
  /** Called with the child once it started (e.g. to read /proc/PID/cmdline or send a signal). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/** The variables a test may never inherit from the machine running it. */
const INHERITED_NOISE =
  /^(SYSTEM_|BUILD_|AGENT_|TF_BUILD$|AZURE_|ENDPOINT_|INPUT_|HTTPS?_PROXY$|https?_proxy$)/;

export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !INHERITED_NOISE.test(name)),
  );
  const env = { ...base, NO_PROXY: '127.0.0.1,localhost', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    options.onSpawn?.(child);
    child.stdin.end(options.stdin ?? '');
  });
}
