// Turns a policy configuration (policy 7.1, Configurations - List, reference §3.5) into doctor's BuildPolicyRef:
// the pipeline a build validation policy queues and the repositories it covers.
import type { BuildPolicyRef } from '../doctor/doctor-api.js';
import { isObject, readNumber, readObject, readString } from './json-guards.js';

/** Empty for anything that is not a live build policy: not an object, no definition id, or deleted. */
export function parseBuildPolicy(value: unknown): BuildPolicyRef[] {
  if (!isObject(value)) return [];
  const settings = readObject(value, 'settings') ?? {};
  const definitionId = readNumber(settings, 'buildDefinitionId');
  if (definitionId === undefined || value['isDeleted'] === true) return [];
  // A policy without a scope applies to every repository of the project.
  const scope = Array.isArray(settings['scope'])
    ? (settings['scope'] as unknown[])
    : [{ repositoryId: null }];
  return [
    {
      definitionId,
      name: readString(settings, 'displayName') ?? `#${definitionId}`,
      isEnabled: value['isEnabled'] !== false,
      repositoryIds: scope.map((entry) =>
        isObject(entry) ? (readString(entry, 'repositoryId') ?? null) : null,
      ),
    },
  ];
}
