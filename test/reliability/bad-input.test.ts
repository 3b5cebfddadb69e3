// Bad input through the built CLI: malformed organization URLs, unknown project (TF200016) or repository
// (TF401019), invalid flag values. Each gives one clear line on stderr, a defined exit code (2: usage or
// configuration) and no stack trace, and sends nothing it does not need (reference §5; src/cli/exit-codes.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../support/run-cli.js';
import { errorLines, STACK_FRAME } from './support/cli-output.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'demo' });
});

afterAll(() => emulator.close());

function run(args: readonly string[]) {
  return runCli(args, { env: { SYSTEM_ACCESSTOKEN: emulator.tokens.jobToken }, timeoutMs: 20_000 });
}

describe('azdo-requeue with bad input', () => {
  it.each([
    ['not a URL', 'not-a-url'],
    ['no organization in the path', 'https://dev.azure.com'],
    ['a query string', 'https://dev.azure.com/fabrikam?x=1'],
    ['credentials in the URL', 'https://user:secret@dev.azure.com/fabrikam'],
    ['an unsupported scheme', 'ftp://dev.azure.com/fabrikam'],
  ])('refuses an organization URL with %s: exit 2, one line, nothing sent', async (_what, org) => {
    const before = emulator.control.requestLog().length;

    const result = await run(['--org', org, '--project', 'Platform']);

    expect(result.code, result.stderr).toBe(2);
    expect(errorLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(/^azdo-requeue: .*(organization|URL|url|https)/m);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toContain('secret');
    expect(emulator.control.requestLog()).toHaveLength(before);
  });

  it.each([
    [['--project', 'No Such Project'], /project "No Such Project" does not exist.*\(TF200016\)/],
    [['--project', 'Platform', '--repository', 'nope'], /repository "nope" was not found.*\(TF401019\)/],
  ])('names an unknown project or repository with its TF code: %o', async (args, message) => {
    const result = await run(['--org', emulator.orgUrl, ...args]);

    expect(result.code, result.stderr).toBe(2);
    expect(errorLines(result)).toEqual([expect.stringMatching(message)]);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([
    [['--concurrency', '0'], /--concurrency must be between 1 and 64, got 0/],
    [['--concurrency', 'many'], /--concurrency must be a whole number, got "many"/],
    [['--timeout', '-5'], /Option '--timeout' argument is ambiguous/],
    [['--timeout', '0'], /--timeout must be between 1 and/],
    [['--max-requeues', '1.5'], /--max-requeues must be a whole number/],
    [['--output', 'xml'], /--output must be text or json, got "xml"/],
    [['--auth', 'password'], /--auth must be one of/],
    [['--target-branch', 'two words'], /--target-branch "two words" is not a branch name/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %o with exit 2 and the flag named, before any request', async (args, message) => {
    const before = emulator.control.requestLog().length;

    const result = await run(['--org', emulator.orgUrl, '--project', 'Platform', ...args]);

    expect(result.code, result.stderr).toBe(2);
    expect(errorLines(result)[0]).toMatch(message);
    expect(result.stderr).toMatch(/Run `azdo-requeue --help` for usage/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(emulator.control.requestLog()).toHaveLength(before);
  });

  // Gap in src/cli/run-cli.ts (reportError): the message and its "Run --help" hint are sanitised as one text, so
  // the newline between them is printed as a literal "^J" and both end up on one line.
  it('prints the "Run --help" hint on a line of its own, without a literal ^J', async () => {
    const result = await run(['--org', emulator.orgUrl, '--project', 'Platform', '--concurrency', '0']);

    expect(result.stderr).not.toContain('^J');
    expect(errorLines(result)).toEqual([
      'azdo-requeue: --concurrency must be between 1 and 64, got 0',
      'Run `azdo-requeue --help` for usage.',
    ]);
  });
});
