// Who the token is, from `GET {org}/_apis/connectionData` (reference §2.5, §8), and what that means for the
// job authorization scope settings. Pure; server text is sanitised before it can reach a terminal (checklist B9).
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { definedProps } from '../util/defined-props.js';
import type { DoctorIdentity } from './doctor-model.js';

const COLLECTION_BUILD_SERVICE = /^Project Collection Build Service \((.+)\)$/;
const PROJECT_BUILD_SERVICE = /^(.+) Build Service \((.+)\)$/;

export function describeIdentity(connectionData: unknown): DoctorIdentity | undefined {
  const user = readObject(readObject(connectionData)?.['authenticatedUser']);
  if (user === undefined) return undefined;
  const text = (value: unknown): string => (typeof value === 'string' ? sanitizeUntrustedText(value) : '');
  const displayName = text(user['providerDisplayName']) || text(user['customDisplayName']) || '(no name)';
  const descriptor = text(user['descriptor']);
  const accountValue = readObject(readObject(user['properties'])?.['Account'])?.['$value'];
  const base = { displayName, ...definedProps({ account: text(accountValue) || undefined }) };

  if (/^Microsoft\.TeamFoundation\.ServiceIdentity;.*:Build:/i.test(descriptor)) {
    const collection = COLLECTION_BUILD_SERVICE.exec(displayName);
    if (collection) {
      return {
        ...base,
        kind: 'collection-build-service',
        meaning: [
          'The job token is collection-scoped: "Limit job authorization scope to current project for non-release',
          'pipelines" is off for this pipeline, so the token can reach every project of the organization.',
          'Microsoft recommends turning that setting on (Organization settings > Pipelines > Settings); the tool then',
          'runs as "{Project} Build Service (org)", which needs the same two permissions in its own project.',
        ].join('\n'),
      };
    }
    const project = PROJECT_BUILD_SERVICE.exec(displayName);
    return {
      ...base,
      kind: 'project-build-service',
      ...definedProps({ projectName: project?.[1] }),
      meaning: [
        `The job token is project-scoped ("Limit job authorization scope to current project" is on): it reaches`,
        `only project "${project?.[1] ?? '?'}". Run the tool from a pipeline of the project whose pull requests it`,
        'requeues. With "Limit job authorization scope to referenced Azure DevOps repositories" on, only repositories',
        'the pipeline references (checkout or uses) are visible.',
      ].join('\n'),
    };
  }
  if (/^Microsoft\.IdentityModel\.Claims\.ClaimsIdentity;/i.test(descriptor)) {
    return {
      ...base,
      kind: 'user',
      meaning:
        "A user: the tool acts with that person's permissions. In a pipeline, prefer the job token (least privilege, no long-lived secret).",
    };
  }
  if (/ServicePrincipal|ManagedIdentity/i.test(descriptor)) {
    return {
      ...base,
      kind: 'service-principal',
      meaning:
        'A Microsoft Entra service principal or managed identity: it must be added to the organization (Organization settings > Users) and be granted the permissions below.',
    };
  }
  if (/Anonymous|Unauthenticated/i.test(descriptor)) {
    return { ...base, kind: 'anonymous', meaning: 'Anonymous: the server did not accept the token.' };
  }
  return { ...base, kind: 'unknown', meaning: 'An identity of a kind the tool does not recognise.' };
}

function readObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
