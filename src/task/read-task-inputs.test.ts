import { describe, expect, it } from 'vitest';

import { readList, readTaskInputs, TaskInputError, toFullRef } from './read-task-inputs.js';

const PIPELINE_ENV = {
  SYSTEM_COLLECTIONURI: 'https://dev.azure.com/fabrikam/',
  SYSTEM_TEAMPROJECTID: '6f1c2c4e-0000-4000-8000-000000000001',
  SYSTEM_TEAMPROJECT: 'Fabrikam',
};

/** A reader over INPUT_-style values, as task-lib's getInput returns them (undefined when empty). */
function inputs(values: Record<string, string>) {
  return { getInput: (name: string) => values[name] };
}

describe('readTaskInputs', () => {
  it('defaults to the pipeline organization and project, the job token, and no filters', () => {
    const read = readTaskInputs(inputs({}), PIPELINE_ENV);

    expect(read).toEqual({
      organization: 'https://dev.azure.com/fabrikam/',
      projects: ['6f1c2c4e-0000-4000-8000-000000000001'],
      allProjects: false,
      repositories: [],
      targetBranches: [],
      rules: {
        includeDrafts: false,
        includeConflicts: false,
        includeManual: false,
        requiredOnly: false,
        retryFailed: false,
      },
      dryRun: false,
      authentication: 'jobToken',
      apiVersion: 'auto',
    });
  });

  it('reads multi-line lists, booleans in any case, a limit and the service connection', () => {
    const read = readTaskInputs(
      inputs({
        organization: 'https://dev.azure.com/contoso',
        projects: 'Web\n\n  Api  \r\n',
        repositories: 'web-app, api',
        targetBranches: 'main\nrefs/heads/release/1.0',
        includeDrafts: 'True',
        includeConflicts: 'FALSE',
        requiredOnly: 'true',
        maxRequeues: '25',
        maxBuildsInFlight: '3',
        retryFailed: 'true',
        dryRun: 'true',
        authentication: 'entra',
        azureSubscription: '0a3c6f1e-0000-4000-8000-00000000000a',
      }),
      PIPELINE_ENV,
    );

    expect(read.organization).toBe('https://dev.azure.com/contoso');
    expect(read.projects).toEqual(['Web', 'Api']);
    expect(read.repositories).toEqual(['web-app', 'api']);
    expect(read.targetBranches).toEqual(['refs/heads/main', 'refs/heads/release/1.0']);
    expect(read.rules).toEqual({
      includeDrafts: true,
      includeConflicts: false,
      includeManual: false,
      requiredOnly: true,
      retryFailed: true,
    });
    expect(read.maxRequeues).toBe(25);
    expect(read.maxBuildsInFlight).toBe(3);
    expect(read.dryRun).toBe(true);
    expect(read.authentication).toBe('entra');
    expect(read.serviceConnection).toBe('0a3c6f1e-0000-4000-8000-00000000000a');
  });

  it('scans every project with allProjects and no project list', () => {
    const read = readTaskInputs(inputs({ allProjects: 'true' }), PIPELINE_ENV);

    expect(read.allProjects).toBe(true);
    expect(read.projects).toEqual([]);
  });

  it.each([
    [{ allProjects: 'true', projects: 'Web' }, /either projects or allProjects/],
    [{ dryRun: 'yes' }, /dryRun must be true or false, got "yes"/],
    [{ maxRequeues: '-1' }, /maxRequeues must be a whole number/],
    [{ maxRequeues: 'ten' }, /maxRequeues must be a whole number/],
    [{ maxBuildsInFlight: '0' }, /maxBuildsInFlight must be at least 1/],
    [{ authentication: 'oauth' }, /authentication must be one of jobToken, entra, pat/],
    [{ apiVersion: '4.1' }, /^apiVersion must be auto or a REST version from 5\.0 .*, got "4\.1"$/],
    [{ apiVersion: '7.1-preview.1' }, /apiVersion must be auto or a REST version from 5\.0/],
  ])('refuses %o', (values, message) => {
    expect(() => readTaskInputs(inputs(values), PIPELINE_ENV)).toThrow(TaskInputError);
    expect(() => readTaskInputs(inputs(values), PIPELINE_ENV)).toThrow(message);
  });

  it('negotiates the REST version unless apiVersion pins one, as the CLI does', () => {
    const apiVersion = (value: string) =>
      readTaskInputs(inputs({ apiVersion: value }), PIPELINE_ENV).apiVersion;

    expect(apiVersion('')).toBe('auto');
    expect(apiVersion(' Auto ')).toBe('auto');
    expect(apiVersion('6.0')).toEqual({ major: 6, minor: 0 });
  });

  it('explains a missing organization and a missing project outside a pipeline', () => {
    expect(() => readTaskInputs(inputs({}), {})).toThrow(/System.CollectionUri is not set/);
    expect(() => readTaskInputs(inputs({ organization: 'https://dev.azure.com/x' }), {})).toThrow(
      /no project/,
    );
  });
});

describe('readList and toFullRef', () => {
  it('splits on newlines and commas and drops blanks', () => {
    expect(readList(' a ,b\n\nc\r\n')).toEqual(['a', 'b', 'c']);
    expect(readList('')).toEqual([]);
  });

  it('keeps full refs and completes short branch names', () => {
    expect(toFullRef('main')).toBe('refs/heads/main');
    expect(toFullRef('refs/heads/develop')).toBe('refs/heads/develop');
  });
});
