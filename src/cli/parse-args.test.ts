import { describe, expect, it } from 'vitest';

import { parseCliArgs, UsageError } from './parse-args.js';

const pipelineEnv = {
  SYSTEM_COLLECTIONURI: 'https://dev.azure.com/fabrikam/',
  SYSTEM_TEAMPROJECTID: '6f1c2c4e-0000-4000-8000-000000000001',
};

describe('parseCliArgs', () => {
  it('takes the organization and project from the pipeline variables', () => {
    const options = parseCliArgs([], pipelineEnv);

    expect(options).toMatchObject({
      command: 'requeue',
      organization: 'https://dev.azure.com/fabrikam/',
      projects: ['6f1c2c4e-0000-4000-8000-000000000001'],
      concurrency: 8,
      output: 'text',
      auth: 'auto',
    });
  });

  it('lets flags override the pipeline variables', () => {
    const options = parseCliArgs(
      ['--org', 'https://dev.azure.com/other', '--project', 'A', '--project', 'B'],
      pipelineEnv,
    );

    expect(options).toMatchObject({ organization: 'https://dev.azure.com/other', projects: ['A', 'B'] });
  });

  it('falls back to SYSTEM_TEAMFOUNDATIONCOLLECTIONURI', () => {
    const options = parseCliArgs(['--project', 'A'], {
      SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: 'https://x.visualstudio.com/',
    });

    expect(options.organization).toBe('https://x.visualstudio.com/');
  });

  it('expands short target branches to full refs and keeps full ones', () => {
    const options = parseCliArgs(
      ['--target-branch', 'develop', '--target-branch', 'refs/heads/main'],
      pipelineEnv,
    );

    expect(options.targetBranches).toEqual(['refs/heads/develop', 'refs/heads/main']);
  });

  it('reads the selection and run flags', () => {
    const options = parseCliArgs(
      [
        '--include-drafts',
        '--include-conflicts',
        '--include-manual',
        '--required-only',
        '--max-requeues',
        '5',
        '--dry-run',
        '--output',
        'json',
      ],
      pipelineEnv,
    );

    expect(options).toMatchObject({
      includeDrafts: true,
      includeConflicts: true,
      includeManual: true,
      requiredOnly: true,
      maxRequeues: 5,
      dryRun: true,
      output: 'json',
    });
  });

  it('reads the build budget flags', () => {
    const options = parseCliArgs(['--max-builds-in-flight', '5', '--retry-failed'], pipelineEnv);

    expect(options).toMatchObject({ maxBuildsInFlight: 5, retryFailed: true });
  });

  it('leaves the build budget flags off by default', () => {
    const options = parseCliArgs([], pipelineEnv);

    expect(options.maxBuildsInFlight).toBeUndefined();
    expect(options.retryFailed).toBe(false);
  });

  it.each([
    [['--max-builds-in-flight', '0'], /--max-builds-in-flight must be between 1 and/],
    [['--timeout', '2147484'], /--timeout must be between 1 and 86400/],
    [['--timeout', '0'], /--timeout must be between 1 and 86400/],
    [['--token', 'x'], /Unknown option '--token'/],
    [['--max-requeues=-1'], /--max-requeues must be a whole number/],
    [['--max-requeues', 'many'], /--max-requeues must be a whole number/],
    [['--concurrency', '0'], /--concurrency must be between 1 and 64/],
    [['--output', 'xml'], /--output must be text or json/],
    [['--auth', 'password'], /--auth must be one of/],
    [['--project', 'A', '--all-projects'], /either --project or --all-projects/],
    [['stray'], /unexpected argument "stray"/],
    [['--target-branch', ' '], /not a branch name/],
    [['--target-branch', 'rel*ease'], /"\*" may only end a branch pattern/],
    [['--target-branch', 'release/**/x'], /"\*" may only end a branch pattern/],
    [['--target-branch', 'release/?'], /only a trailing "\*" is supported/],
    [['--api-version', '4.1'], /--api-version must be auto or a REST version from 5.0/],
    [['--api-version', '7.1-preview.1'], /--api-version must be auto/],
  ])('refuses %o', (argv, message) => {
    expect(() => parseCliArgs(argv, pipelineEnv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv, pipelineEnv)).toThrow(message);
  });

  it('takes a trailing * as a prefix pattern of full refs (issue 15.F)', () => {
    const options = parseCliArgs(['--target-branch', 'release/*'], pipelineEnv);

    expect(options.targetBranches).toEqual(['refs/heads/release/*']);
  });

  it('negotiates the REST version unless --api-version pins one', () => {
    expect(parseCliArgs([], pipelineEnv).apiVersion).toBe('auto');
    expect(parseCliArgs(['--api-version', 'auto'], pipelineEnv).apiVersion).toBe('auto');
    expect(parseCliArgs(['--api-version', '6.0'], pipelineEnv).apiVersion).toEqual({ major: 6, minor: 0 });
  });

  it('asks for a project when neither a flag nor the pipeline names one', () => {
    expect(() => parseCliArgs([], {})).toThrow(/no project/);
  });

  it('has no option that takes a token value (security checklist A1)', () => {
    for (const flag of ['--token', '--pat', '--access-token', '--password']) {
      expect(() => parseCliArgs([flag, 'value'], pipelineEnv)).toThrow(UsageError);
    }
  });
});
