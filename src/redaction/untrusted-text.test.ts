import { commandFromString } from 'azure-pipelines-task-lib/taskcommand.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sanitizeUntrustedText } from './untrusted-text.js';

/** How MockTestRunner and the agent spot a logging command: `##vso[` anywhere in a line. */
const LOGGING_COMMAND = /##vso\[/i;

describe('sanitizeUntrustedText', () => {
  it.each([
    [
      'a PR title',
      'x ##VSO[task.setendpoint id=1;field=url]https://evil.example',
      'x **VSO[task.setendpoint id=1;field=url]https://evil.example',
    ],
    ['a branch name', '##vso[task.setvariable variable=a]b', '**vso[task.setvariable variable=a]b'],
    ['mixed case', '##VsO[task.complete result=Succeeded]', '**VsO[task.complete result=Succeeded]'],
    ['a formatting command', '##[error]fake failure', '**[error]fake failure'],
    ['two commands on one line', '##vso[a]1 ##vso[b]2', '**vso[a]1 **vso[b]2'],
  ])('neutralises logging commands in %s', (_name, input, expected) => {
    expect(sanitizeUntrustedText(input)).toBe(expected);
  });

  it('leaves text task-lib would parse as a command unparseable by the agent', () => {
    const input = 'title ##vso[task.setvariable variable=token;issecret=false]leak';
    expect(commandFromString(input.slice(input.indexOf('##vso['))).command).toBe('task.setvariable');

    expect(sanitizeUntrustedText(input)).not.toMatch(LOGGING_COMMAND);
  });

  it.each([
    ['an ANSI colour', 'red \u001b[31mtext\u001b[0m', 'red ^[[31mtext^[[0m'],
    ['an OSC hyperlink', '\u001b]8;;https://evil\u0007x', '^[]8;;https://evil^Gx'],
    ['a newline', 'line one\nline two', 'line one^Jline two'],
    ['a carriage return', 'ok\roverwritten', 'ok^Moverwritten'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'a^@b^?c'],
    ['a C1 control (CSI)', 'a\u009b31mb', 'a\\u009b31mb'],
    ['a bidi override', 'abc\u202edcba', 'abc\\u202edcba'],
  ])('escapes %s', (_name, input, expected) => {
    expect(sanitizeUntrustedText(input)).toBe(expected);
  });

  it.each(['plain title', 'tab\tseparated', 'Ünïcödé 漢字 😀', 'feature/#123-fix', 'C# ## notes [draft]'])(
    'leaves %j unchanged',
    (input) => {
      expect(sanitizeUntrustedText(input)).toBe(input);
    },
  );

  it('never outputs a logging command or a control character except tab', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('#', '#', 'v', 'V', 's', 'S', 'o', 'O', '[', '\u001b', '\n', 'x'),
        }),
        (input) => {
          const output = sanitizeUntrustedText(input);

          expect(output).not.toMatch(LOGGING_COMMAND);
          expect(output).not.toContain('##[');
          // eslint-disable-next-line no-control-regex -- asserting their absence
          expect(output).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
