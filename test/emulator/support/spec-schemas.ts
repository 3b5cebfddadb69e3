// Loads the 7.1 OpenAPI specs (shared/azdo-rest-specs) into ajv, so emulator answers can be checked against them.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

const SPEC_DIR = '/work/shared/azdo-rest-specs/7.1';

type Json = Record<string, unknown>;

function readSpec(area: string): Json {
  // The spec files start with a UTF-8 BOM (shared/azdo-rest-specs/README.md).
  return JSON.parse(readFileSync(`${SPEC_DIR}/${area}.json`, 'utf8').replace(/^\uFEFF/, '')) as Json;
}

/**
 * Two documented divergences between the specs and the live service are allowed, nothing else:
 * - `context` / `settings` (JObject) is `null` on non-build evaluations (§4 real records);
 * - the project stub inside a PR's repository carries `visibility: "unchanged"` (§3.3 recorded list).
 */
function allowLiveDivergences(spec: Json): Json {
  const definitions = spec['definitions'] as Record<string, Json>;
  const jObject = definitions['JObject'];
  if (jObject !== undefined) jObject['type'] = ['object', 'null'];
  const reference = definitions['TeamProjectReference'];
  const visibility = (reference?.['properties'] as Record<string, Json> | undefined)?.['visibility'];
  if (visibility !== undefined) visibility['enum'] = [...(visibility['enum'] as string[]), 'unchanged'];
  return spec;
}

/** A validator for `{area}.json#/definitions/{name}`; refs resolve inside each spec file. */
export function createSpecValidators(): (area: string, definition: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  for (const area of ['git', 'policy', 'core', 'build']) {
    // Each file's internal refs are `#/definitions/...`; registering it under an $id keeps them local.
    ajv.addSchema({ ...allowLiveDivergences(readSpec(area)), $id: `${area}.json` });
  }
  const cache = new Map<string, ValidateFunction>();
  return (area, definition) => {
    const key = `${area}#${definition}`;
    let validate = cache.get(key);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${area}.json#/definitions/${definition}` });
      cache.set(key, validate);
    }
    return validate;
  };
}
