import { describe, expect, it } from 'vitest';

import { UsageError } from './command-line.js';
import { parseDoctorArgs } from './parse-doctor-args.js';

const pipelineEnv = {
  SYSTEM_COLLECTIONURI: 'https://dev.azure.com/fabrikam/',
  SYSTEM_TEAMPROJECTID: '6f1c2c4e-0000-4000-8000-000000000001',
};

describe('parseDoctorArgs', () => {
  it('takes the organization and project from the pipeline', () => {
    expect(parseDoctorArgs([], pipelineEnv)).toEqual({
      help: false,
      organization: 'https://dev.azure.com/fabrikam/',
      project: '6f1c2c4e-0000-4000-8000-000000000001',
      repositories: [],
      auth: 'auto',
      patStdin: false,
      managedIdentity: false,
      allowForeignOrg: false,
      output: 'text',
      debug: false,
      apiVersion: 'auto',
    });
  });

  it('reads every flag', () => {
    const options = parseDoctorArgs(
      [
        '--org',
        'https://x.visualstudio.com',
        '--project',
        'P',
        '--repository',
        'a',
        '--repository',
        'b',
        '--auth',
        'entra',
        '--managed-identity',
        '--json',
        '--debug',
        '--api-version',
        '6.0',
      ],
      {},
    );

    expect(options).toMatchObject({
      organization: 'https://x.visualstudio.com',
      project: 'P',
      repositories: ['a', 'b'],
      auth: 'entra',
      managedIdentity: true,
      output: 'json',
      debug: true,
      apiVersion: { major: 6, minor: 0 },
    });
  });

  it.each([
    [['--token', 'x'], /Unknown option '--token'/],
    [['--pat', 'x'], /Unknown option '--pat'/],
    [['--auth', 'password'], /--auth must be one of/],
    [['--output', 'xml'], /--output must be text or json/],
    [['stray'], /unexpected argument "stray"/],
    [['--api-version', '4.1'], /^--api-version must be auto or a REST version from 5\.0 .*, got "4\.1"$/],
  ])('refuses %o (no option takes a secret, checklist A1)', (argv, message) => {
    expect(() => parseDoctorArgs(argv, pipelineEnv)).toThrow(UsageError);
    expect(() => parseDoctorArgs(argv, pipelineEnv)).toThrow(message);
  });
});
