// Identities the emulator answers as: the pipeline's build service (job token), a user (PAT), PR authors (§2.5, §8).
import type { IdentityEntity } from '../model/entities.js';
import type { Random } from '../model/random.js';

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/**
 * The job token's identity (§8): "{Project} Build Service ({org})" for a project-scoped job, else
 * "Project Collection Build Service ({org})". Errors name it `Build\<guid>`; the guid is the project id
 * for the project-scoped identity (§2.5).
 */
export function createBuildServiceIdentity(
  organization: string,
  collectionId: string,
  project: { id: string; name: string } | null,
  random: Random,
): IdentityEntity {
  const scopeGuid = project?.id ?? random.guid();
  const account = `Build\\${scopeGuid}`;
  return {
    id: random.guid(),
    displayName:
      project === null
        ? `Project Collection Build Service (${organization})`
        : `${project.name} Build Service (${organization})`,
    uniqueName: account,
    descriptor: `Microsoft.TeamFoundation.ServiceIdentity;${collectionId}:Build:${scopeGuid}`,
    subjectDescriptor: `svc.${base64(`${collectionId}:Build:${scopeGuid}`)}`,
    account,
    kind: 'build',
  };
}

/** A user identity (the PAT's owner, PR authors and reviewers), shaped like the recorded one (§2.5). */
export function createUserIdentity(displayName: string, tenantId: string, random: Random): IdentityEntity {
  const id = random.guid();
  const uniqueName = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`;
  return {
    id,
    displayName,
    uniqueName,
    descriptor: `Microsoft.IdentityModel.Claims.ClaimsIdentity;${tenantId}\\${uniqueName}`,
    subjectDescriptor: `aad.${base64(id)}`,
    account: uniqueName,
    kind: 'user',
  };
}

/** Looks up (or creates once) a named user, so the same name is the same identity everywhere. */
export function userNamed(
  users: Map<string, IdentityEntity>,
  displayName: string,
  tenantId: string,
  random: Random,
): IdentityEntity {
  const key = displayName.toLowerCase();
  let user = users.get(key);
  if (user === undefined) {
    user = createUserIdentity(displayName, tenantId, random);
    users.set(key, user);
  }
  return user;
}
