// `npm start`: the demo. Starts the embedded emulator on a free loopback port, merges into main (which expires the
// build checks of the pull requests targeting it), runs the real CLI against it, and shows the emulator's record.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { startEmulator, type RunningEmulator } from '../emulator/index.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));

async function main(): Promise<number> {
  const emulator = await startEmulator({ scenario: 'demo' });
  try {
    return await tellTheStory(emulator);
  } finally {
    await emulator.close();
  }
}

async function tellTheStory(emulator: RunningEmulator): Promise<number> {
  const state = emulator.control.state();
  const active = state.pullRequests.filter((pr) => pr.status === 'active').length;
  say(`azdo-requeue demo: the real CLI against the embedded Azure DevOps emulator\n`);
  say(`1. An emulated organization is up at ${emulator.orgUrl}`);
  say(`   ${emulator.projects.map((p) => p.name).join(', ')}: ${active} active pull requests.`);

  const pushed = emulator.control.push({ branch: 'main' });
  say(
    `2. A merge lands on main in ${pushed.pushed.length} repositories: ${pushed.expiredEvaluations} build checks`,
  );
  say(
    `   of ${pushed.pullRequestIds.length} pull requests expire ("Build expired"); Azure DevOps will not rerun them.\n`,
  );

  const args = ['--org', emulator.orgUrl, '--all-projects'];
  say(`3. In the pipeline: azdo-requeue ${args.join(' ')}`);
  say(`   (SYSTEM_ACCESSTOKEN = the emulator's throwaway job token, sent as Bearer)\n`);
  const exitCode = await runCli(args, emulator.tokens.jobToken);

  const requeues = emulator.control.requeues();
  const cancelled = requeues.filter((record) => record.cancelledBuild).length;
  const perCheck = new Map<string, number>();
  for (const record of requeues)
    perCheck.set(record.evaluationId, (perCheck.get(record.evaluationId) ?? 0) + 1);
  const twice = [...perCheck.values()].filter((count) => count > 1).length;
  say(`\n4. The emulator's record: ${requeues.length} builds queued for ${perCheck.size} checks,`);
  say(`   ${twice} checks requeued twice, ${cancelled} running builds cancelled.`);
  say(
    `\nThe CLI exited with ${exitCode}. Try: npx azdo-requeue emulator   (then point the CLI or az devops at it)`,
  );
  return exitCode;
}

function runCli(args: readonly string[], jobToken: string): Promise<number> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SYSTEM_ACCESSTOKEN: jobToken,
    NO_PROXY: '127.0.0.1,localhost',
  };
  delete env['TF_BUILD'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

process.exitCode = await main();
