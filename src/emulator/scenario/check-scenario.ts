// Validates a scenario read from JSON, naming the first bad field, so a typo fails at start and not mid-test.
import { checkFaultSettings } from '../faults/check-fault-settings.js';
import { SCENARIO_POLICY_TYPES } from '../model/policy-types.js';
import type { Scenario } from './scenario-types.js';

const CHECK_STATES = new Set([
  'approved',
  'rejected',
  'expired',
  'notExpired',
  'running',
  'queued',
  'notRun',
  'notApplicable',
]);
const STATUSES = new Set(['active', 'abandoned', 'completed']);

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${where} must be an array`);
  return value as unknown[];
}

function object(value: unknown, where: string): Json {
  if (!isRecord(value)) throw new Error(`${where} must be an object`);
  return value;
}

function text(record: Json, key: string, where: string): void {
  if (typeof record[key] !== 'string' || record[key] === '')
    throw new Error(`${where}.${key} must be a non-empty string`);
}

function checkPolicy(value: unknown, where: string): void {
  const policy = object(value, where);
  if (!SCENARIO_POLICY_TYPES.includes(policy['type'] as never)) {
    throw new Error(`${where}.type must be one of ${SCENARIO_POLICY_TYPES.join(', ')}`);
  }
  const expiration = policy['expiration'];
  if (expiration !== undefined && expiration !== 'immediately' && expiration !== 'never') {
    const hours = isRecord(expiration) ? expiration['hours'] : undefined;
    if (typeof hours !== 'number' || hours <= 0) {
      throw new Error(`${where}.expiration must be "immediately", "never" or {"hours": N > 0}`);
    }
  }
}

function checkPullRequest(value: unknown, where: string): void {
  const pr = object(value, where);
  text(pr, 'targetBranch', where);
  if (pr['status'] !== undefined && !STATUSES.has(pr['status'] as string))
    throw new Error(`${where}.status is not a PR status`);
  if (pr['id'] !== undefined && (!Number.isInteger(pr['id']) || Number(pr['id']) < 1)) {
    throw new Error(`${where}.id must be a positive integer`);
  }
  const states = [pr['check'], ...Object.values(isRecord(pr['checks']) ? pr['checks'] : {})];
  for (const state of states) {
    if (state !== undefined && !CHECK_STATES.has(state as string)) {
      const known = [...CHECK_STATES].join(', ');
      throw new Error(`${where}: unknown check state ${JSON.stringify(state)} (use ${known})`);
    }
  }
}

/** Throws an Error naming the first invalid field; returns the value typed as a Scenario. */
export function checkScenario(value: unknown): Scenario {
  const scenario = object(value, 'scenario');
  if (scenario['organization'] !== undefined) text(scenario, 'organization', 'scenario');
  if (scenario['faults'] !== undefined) checkFaultSettings(scenario['faults'], 'scenario.faults');
  if (
    scenario['generate'] !== undefined &&
    typeof object(scenario['generate'], 'scenario.generate')['pullRequests'] !== 'number'
  ) {
    throw new Error('scenario.generate.pullRequests must be a number');
  }
  const ids = new Set<unknown>();
  for (const [p, project] of list(scenario['projects'], 'scenario.projects').entries()) {
    const at = `scenario.projects[${p}]`;
    text(object(project, at), 'name', at);
    for (const [i, policy] of list((project as Json)['policies'], `${at}.policies`).entries()) {
      checkPolicy(policy, `${at}.policies[${i}]`);
      text(policy as Json, 'branch', `${at}.policies[${i}]`);
    }
    for (const [r, repository] of list((project as Json)['repositories'], `${at}.repositories`).entries()) {
      const repoAt = `${at}.repositories[${r}]`;
      text(object(repository, repoAt), 'name', repoAt);
      for (const [b, branch] of list((repository as Json)['branches'], `${repoAt}.branches`).entries()) {
        text(object(branch, `${repoAt}.branches[${b}]`), 'name', `${repoAt}.branches[${b}]`);
        for (const [i, policy] of list(
          (branch as Json)['policies'],
          `${repoAt}.branches[${b}].policies`,
        ).entries()) {
          checkPolicy(policy, `${repoAt}.branches[${b}].policies[${i}]`);
        }
      }
      for (const [i, pr] of list((repository as Json)['pullRequests'], `${repoAt}.pullRequests`).entries()) {
        checkPullRequest(pr, `${repoAt}.pullRequests[${i}]`);
        const id = (pr as Json)['id'];
        if (id !== undefined && ids.has(id))
          throw new Error(`${repoAt}.pullRequests[${i}].id ${JSON.stringify(id)} is used twice`);
        ids.add(id);
      }
    }
  }
  return scenario;
}
