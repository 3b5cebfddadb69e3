// Reads a CLI run's stderr the way a user does: the error lines, without the loopback notice and warnings.
import type { CliRun } from '../../support/run-cli.js';

/** Lines of stderr that are not the plain-http notice, a warning or a --debug trace. */
export function errorLines(run: CliRun): string[] {
  return run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => !/^azdo-requeue: (notice|warning|debug):/.test(line));
}

/** A stack frame ("    at fn (file:line)") anywhere in the output. */
export const STACK_FRAME = /^\s+at .+[:(]/m;
