// The YAML templates are valid YAML with the triggers the issue asks for, and never put a token on a command line
// (issue #6, deliverable 4; security checklist A1).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Node = unknown;
type Mapping = Record<string, Node>;

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(fileURLToPath(new URL(path, ROOT)), 'utf8');
const load = (path: string): Mapping => parse(read(path)) as Mapping;

/** The templates run exactly the version this repository is (raised with each release). */
const PACKAGE_VERSION = (JSON.parse(read('package.json')) as { version: string }).version;

const PIPELINES = ['templates/requeue-expired-checks.yml', 'templates/requeue-expired-checks-task.yml'];
const ALL = [...PIPELINES, 'templates/steps/azdo-requeue.yml'];

/** Every [path, value] of the tree, with keys joined by "/". */
function walk(node: Node, path = ''): [string, Node][] {
  if (Array.isArray(node)) return node.flatMap((item, index) => walk(item, `${path}/${index}`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node as Mapping).flatMap(([key, value]) => [
      [`${path}/${key}`, value] as [string, Node],
      ...walk(value, `${path}/${key}`),
    ]);
  }
  return [];
}

function steps(template: Mapping): Mapping[] {
  const jobs = (template['jobs'] as Mapping[] | undefined) ?? [];
  return [
    ...jobs.flatMap((job) => (job['steps'] as Mapping[]) ?? []),
    ...((template['steps'] as Mapping[]) ?? []),
  ];
}

describe.each(PIPELINES)('the ready pipeline %s', (path) => {
  const template = load(path);

  it('runs on pushes to the protected target branches, batched, and never as a PR build', () => {
    expect(template['trigger']).toEqual({ batch: true, branches: { include: ['main', 'develop'] } });
    expect(template['pr']).toBe('none');
  });

  it('runs hourly in working hours on weekdays, in UTC, even when nothing changed', () => {
    const [schedule] = template['schedules'] as Mapping[];

    expect(schedule?.['cron']).toMatch(/^0 \d{1,2}-\d{1,2} \* \* 1-5$/);
    expect(schedule?.['always']).toBe(true);
    expect(String(schedule?.['displayName'])).toContain('UTC');
    expect(read(path)).toMatch(/Cron times are UTC/);
  });

  it('is one job that references its repository with a shallow checkout', () => {
    const jobs = template['jobs'] as Mapping[];

    expect(jobs).toHaveLength(1);
    expect(steps(template)[0]).toEqual({ checkout: 'self', fetchDepth: 1 });
  });
});

describe('the CLI pipeline', () => {
  const template = load('templates/requeue-expired-checks.yml');
  const run = steps(template).find((step) => typeof step['script'] === 'string');

  it('runs the CLI pinned to this exact version with npx, with no install script, the job token in env', () => {
    expect(run?.['script']).toBe('npx --yes azdo-requeue@$(azdoRequeueVersion) $(requeueScope)');
    expect(run?.['env']).toEqual({
      SYSTEM_ACCESSTOKEN: '$(System.AccessToken)',
      npm_config_ignore_scripts: 'true',
    });
    expect((template['variables'] as Mapping)['azdoRequeueVersion']).toBe(PACKAGE_VERSION);
  });

  it('limits a CI run to the pushed repository and branch, and lets other runs scan everything', () => {
    const variables = template['variables'] as Mapping;

    expect(variables["${{ if in(variables['Build.Reason'], 'IndividualCI', 'BatchedCI') }}"]).toEqual({
      requeueScope: '--repository $(Build.Repository.ID) --target-branch $(Build.SourceBranch)',
    });
    expect(variables['${{ else }}']).toEqual({ requeueScope: '' });
  });
});

describe('the task pipeline', () => {
  const template = load('templates/requeue-expired-checks-task.yml');
  const task = steps(template).find((step) => step['task'] === 'AzdoRequeue@1');
  const manifest = JSON.parse(read('task/task.json')) as { inputs: { name: string }[] };

  it('runs AzdoRequeue@1 with inputs the task declares, and needs no env mapping', () => {
    const declared = manifest.inputs.map((input) => input.name);

    expect(Object.keys(task?.['inputs'] as Mapping).length).toBeGreaterThan(0);
    for (const name of Object.keys(task?.['inputs'] as Mapping)) expect(declared).toContain(name);
    expect(task?.['env']).toBeUndefined();
    expect(read('templates/requeue-expired-checks-task.yml')).not.toMatch(/AccessToken/i);
  });
});

describe('the step template', () => {
  const template = load('templates/steps/azdo-requeue.yml');
  const [step] = steps(template);

  it('takes the filters as parameters and passes them through the environment', () => {
    const names = (template['parameters'] as Mapping[]).map((parameter) => parameter['name']);

    expect(names).toEqual(
      expect.arrayContaining([
        'version',
        'projects',
        'repositories',
        'targetBranches',
        'limitToPush',
        'dryRun',
      ]),
    );
    expect((template['parameters'] as Mapping[]).find((p) => p['name'] === 'version')?.['default']).toBe(
      PACKAGE_VERSION,
    );
    expect(step?.['env']).toMatchObject({
      SYSTEM_ACCESSTOKEN: '$(System.AccessToken)',
      npm_config_ignore_scripts: 'true',
      REQUEUE_REPOSITORIES: "${{ join(',', parameters.repositories) }}",
      REQUEUE_TARGET_BRANCHES: "${{ join(',', parameters.targetBranches) }}",
    });
    expect(step?.['bash']).not.toMatch(/\$\{\{/);
  });
});

describe.each(ALL)('%s', (path) => {
  it('never puts a token on a command line: $(System.AccessToken) only as SYSTEM_ACCESSTOKEN in env', () => {
    const entries = walk(load(path));

    for (const [key, value] of entries) {
      if (typeof value !== 'string') continue;
      if (/\/(script|bash|pwsh|powershell|arguments|inputs\/[^/]+)$/.test(key)) {
        expect(value).not.toMatch(/System\.AccessToken|SYSTEM_ACCESSTOKEN|AZURE_DEVOPS_EXT_PAT|\bpat\b/i);
      }
      if (value.includes('$(System.AccessToken)')) expect(key).toMatch(/\/env\/SYSTEM_ACCESSTOKEN$/);
    }
  });
});
