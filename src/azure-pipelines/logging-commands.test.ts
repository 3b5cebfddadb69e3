import taskCommand from 'azure-pipelines-task-lib/taskcommand.js';
import { describe, expect, it } from 'vitest';

import {
  logIssueCommand,
  setProgressCommand,
  setSecretCommand,
  uploadSummaryCommand,
} from './logging-commands.js';

const parse = (line: string) => taskCommand.commandFromString(line);

describe('logging commands (built by task-lib, checklist B4)', () => {
  it('round-trips a secret with %, ; and ] through task-lib escaping', () => {
    const value = `s3cr%t;value]${'x'.repeat(8)}`;

    const line = setSecretCommand(value);

    expect(line.startsWith('##vso[task.setsecret]')).toBe(true);
    expect(parse(line).message).toBe(value);
  });

  it('neutralises a logging command inside an issue message and keeps it on one line (checklist B9)', () => {
    const line = logIssueCommand(
      'warning',
      'PR "x ##VSO[task.setendpoint id=1;field=url]https://evil"\nnext',
    );

    expect(line.match(/##vso\[/gi)).toHaveLength(1);
    expect(line).not.toMatch(/[\r\n]/);
    expect(parse(line).properties).toEqual({ type: 'warning' });
    expect(parse(line).message).toBe('PR "x **VSO[task.setendpoint id=1;field=url]https://evil"^Jnext');
  });

  it('clamps progress to 0–100 and escapes the summary path', () => {
    expect(parse(setProgressCommand(130.4, 'Reading')).properties).toEqual({ value: '100' });
    expect(parse(setProgressCommand(-3, 'Reading')).properties).toEqual({ value: '0' });
    expect(parse(uploadSummaryCommand('/agent/_temp/a;b]%c.md')).message).toBe('/agent/_temp/a;b]%c.md');
  });
});
