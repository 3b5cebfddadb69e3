// Dispatches the command line to a command and maps every outcome and error to the one exit-code table.
import { ApiFailure, CredentialError, OrganizationUrlError, sanitizeUntrustedText } from '../index.js';
import { authHint } from './auth-hints.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { HELP_TEXT } from './help-text.js';
import { parseCliArgs, UsageError } from './parse-args.js';
import { resolveCliCredential } from './resolve-cli-credential.js';
import { runRequeueCommand } from './run-requeue-command.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'serve') {
      const { runServeCommand } = await import('../serve/index.js');
      return await runServeCommand(argv.slice(1), io, {
        parseRequeueArgs: (rest) => parseCliArgs(rest, io.env),
        usageError: (message) => new UsageError(message),
        resolveCredential: (options, organization) => resolveCliCredential(options, organization, io),
      });
    }
    if (argv[0] === 'hooks') {
      const { runHooksCommand } = await import('./hooks-command.js');
      return await runHooksCommand(argv.slice(1), io);
    }
    if (argv[0] === 'doctor') {
      const { runDoctorCommand } = await import('./doctor-command.js');
      return await runDoctorCommand(argv.slice(1), io);
    }
    const options = parseCliArgs(argv, io.env);
    if (options.command === 'help') {
      io.writeStdout(HELP_TEXT);
      return EXIT.ok;
    }
    if (options.command === 'version') {
      io.writeStdout(`${io.version}\n`);
      return EXIT.ok;
    }
    return await runRequeueCommand(options, io);
  } catch (error) {
    return reportError(error, io, argv.includes('--debug'));
  }
}

/** One clear line (plus the fix, when there is one); never a stack trace unless --debug asked for it. */
function reportError(error: unknown, io: CliIo, debug: boolean): number {
  // Line by line: the message may quote server text (neutralised on every line), while our own fixes keep
  // their line breaks so the YAML in them can be pasted.
  const say = (message: string): void =>
    io.writeStderr(`azdo-requeue: ${message.split('\n').map(sanitizeUntrustedText).join('\n')}\n`);
  if (error instanceof UsageError) {
    say(`${error.message}\nRun \`azdo-requeue --help\` for usage.`);
    return EXIT.usage;
  }
  if (error instanceof OrganizationUrlError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof CredentialError) {
    say(error.message);
    return EXIT.auth;
  }
  if (error instanceof ApiFailure) {
    const hint = error.kind === 'auth' ? authHint(error.code) : '';
    say(hint ? `${error.message}\n${hint}` : error.message);
    if (error.kind === 'auth') return EXIT.auth;
    return error.kind === 'config' ? EXIT.usage : EXIT.requeueFailed;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  say(`internal error: ${message}`);
  if (debug && error instanceof Error && error.stack) io.writeStderr(`${error.stack}\n`);
  return EXIT.requeueFailed;
}
