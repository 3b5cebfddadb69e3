// The README's library example must be the type-checked file examples/library-usage.ts, character for character.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('shows the library example that the type check compiles', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/library-usage.ts', import.meta.url), 'utf8');
    const block = /## As a library\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];

    expect(block).toBeDefined();
    expect(example.split('\n').slice(1).join('\n')).toBe(block);
  });

  it('keeps the two quick-start commands', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
