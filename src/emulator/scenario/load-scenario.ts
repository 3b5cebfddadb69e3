// Resolves the `scenario` option: the built-in demo, a Scenario object, or a JSON file path.
import { readFile } from 'node:fs/promises';
import { checkScenario } from './check-scenario.js';
import { DEMO_SCENARIO } from './demo-scenario.js';
import type { Scenario } from './scenario-types.js';

/** `'demo'` (the default), a Scenario, or a path to a scenario JSON file (BOM tolerated). */
export type ScenarioInput = Scenario | string;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function loadScenario(input: ScenarioInput | undefined): Promise<Scenario> {
  if (input === undefined || input === 'demo') {
    return structuredClone(DEMO_SCENARIO);
  }
  if (typeof input !== 'string') {
    return checkScenario(input);
  }
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (error) {
    throw new Error(`cannot read scenario file ${input}: ${messageOf(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`scenario file ${input} is not valid JSON: ${messageOf(error)}`, { cause: error });
  }
  try {
    return checkScenario(parsed);
  } catch (error) {
    throw new Error(`scenario file ${input}: ${messageOf(error)}`, { cause: error });
  }
}
