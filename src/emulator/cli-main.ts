// Stand-alone entry: `node --import tsx src/emulator/cli-main.ts [flags]` (the product CLI calls runEmulatorCommand).
import { runEmulatorCommand } from './cli.js';

const code = await runEmulatorCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
