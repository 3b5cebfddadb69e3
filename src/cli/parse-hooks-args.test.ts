import { describe, expect, it } from 'vitest';

import { UsageError } from './command-line.js';
import { parseHooksArgs } from './parse-hooks-args.js';

const ORG = ['--org', 'https://dev.azure.com/fabrikam'];

describe('parseHooksArgs', () => {
  it('reads install with repeated repositories and branches, full refs shortened', () => {
    const options = parseHooksArgs(
      [
        'install',
        ...ORG,
        '--url',
        'https://h.example/hooks',
        '--project',
        'P',
        '--repository',
        'a',
        '--repository',
        'b',
        '--branch',
        'refs/heads/main',
        '--branch',
        'dev',
      ],
      {},
    );
    expect(options).toMatchObject({
      action: 'install',
      url: 'https://h.example/hooks',
      project: 'P',
      repositories: ['a', 'b'],
      branches: ['main', 'dev'],
    });
  });

  it('allows plain http to loopback only, and no credentials in the URL', () => {
    const install = (url: string) => () =>
      parseHooksArgs(['install', ...ORG, '--url', url, '--project', 'P'], {});
    expect(install('http://127.0.0.1:8080/hooks')).not.toThrow();
    expect(install('http://10.0.0.5/hooks')).toThrow(UsageError);
    expect(install('https://user:pw@h.example/hooks')).toThrow(/user name or password/);
  });

  it('refuses an unknown action, a missing --url or --project, and filters on remove', () => {
    expect(() => parseHooksArgs(['add', ...ORG], {})).toThrow(/unknown action "add"/);
    expect(() => parseHooksArgs(['install', ...ORG, '--project', 'P'], {})).toThrow(/--url is required/);
    expect(() =>
      parseHooksArgs(['remove', ...ORG, '--url', 'https://h.example', '--project', 'P', '--branch', 'x'], {}),
    ).toThrow(/for install/);
    expect(parseHooksArgs(['list', ...ORG], {}).action).toBe('list');
    expect(parseHooksArgs([], {}).action).toBe('help');
  });
});
