// The one table of exit codes: run-cli.ts maps errors to them, each command maps its result (docs/reliability.md).

export const EXIT = {
  /** Success, nothing to do, or a dry run. */
  ok: 0,
  /** At least one requeue (or a read of a PR's checks) failed. */
  requeueFailed: 1,
  /** Usage or configuration error: bad flag, bad URL, unknown project or repository. */
  usage: 2,
  /** Authentication or authorization failure (401, 203 sign-in page, 403); wins over 1. */
  auth: 3,
  /** Interrupted by SIGINT (128 + 2) or SIGTERM (128 + 15), after the report of what was done. */
  sigint: 130,
  sigterm: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
