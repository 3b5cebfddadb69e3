import { describe, expect, it } from 'vitest';

import { parseServeArgs, SERVE_DEFAULT_CONCURRENCY } from './parse-serve-args.js';

const usageError = (message: string) => new Error(message);

describe('parseServeArgs', () => {
  it('takes 32 requests in flight by default, for the burst a push starts', () => {
    const flags = parseServeArgs(['--org', 'https://dev.azure.com/fabrikam'], usageError);
    expect(flags.concurrency).toBe(32);
    expect(SERVE_DEFAULT_CONCURRENCY).toBe(32);
    expect(flags.rest).toEqual(['--org', 'https://dev.azure.com/fabrikam']);
  });

  it('takes --concurrency itself, so the CLI default of 8 cannot replace it', () => {
    expect(parseServeArgs(['--concurrency', '8', '--dry-run'], usageError)).toMatchObject({
      concurrency: 8,
      rest: ['--dry-run'],
    });
    expect(parseServeArgs(['--concurrency=64'], usageError).concurrency).toBe(64);
  });

  it.each(['0', '65', '1.5', 'many'])('refuses --concurrency %s with the accepted range', (value) => {
    expect(() => parseServeArgs(['--concurrency', value], usageError)).toThrow(
      `--concurrency must be a number from 1 to 64, got "${value}"`,
    );
  });

  it('keeps its other defaults', () => {
    expect(parseServeArgs([], usageError)).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      sweepIntervalMs: 3_600_000,
      settleTimeoutMs: 60_000,
      graceMs: 25_000,
      maxWaitingBranches: 200,
      help: false,
    });
  });
});
