// JSON of identities and projects (IdentityRef, TeamProjectReference, TeamProject) as the service writes them (§3.1).
import type { IdentityEntity, ProjectEntity } from '../model/entities.js';
import { formatDate, link, pathSegment, type JsonObject } from '../protocol/wire-format.js';

/** IdentityRef: display name, links and descriptor (§3.3 `createdBy`). */
export function identityRefJson(orgUrl: string, identity: IdentityEntity): JsonObject {
  const url = `${orgUrl}/_apis/Identities/${identity.id}`;
  const imageUrl = `${orgUrl}/_apis/GraphProfile/MemberAvatars/${identity.subjectDescriptor}`;
  return {
    displayName: identity.displayName,
    url,
    _links: { avatar: link(imageUrl) },
    id: identity.id,
    uniqueName: identity.uniqueName,
    imageUrl,
    descriptor: identity.subjectDescriptor,
  };
}

/** TeamProjectReference as listed by `GET _apis/projects` and embedded in repositories (§3.1). */
export function projectReferenceJson(orgUrl: string, project: ProjectEntity): JsonObject {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    url: `${orgUrl}/_apis/projects/${project.id}`,
    state: 'wellFormed',
    revision: project.revision,
    visibility: project.visibility,
    lastUpdateTime: formatDate(project.lastUpdateMs),
  };
}

/**
 * The project stub inside a pull request's repository: the service fills only id and name there and writes
 * `unchanged` placeholders with a zero date without a zone (§3.3 real list response).
 */
export function pullRequestProjectJson(project: ProjectEntity): JsonObject {
  return {
    id: project.id,
    name: project.name,
    state: 'unchanged',
    visibility: 'unchanged',
    lastUpdateTime: '0001-01-01T00:00:00',
  };
}

/** TeamProject (single GET): the reference plus `_links`, `defaultTeam` and, if asked, `capabilities` (§3.1). */
export function projectJson(
  orgUrl: string,
  collectionId: string,
  project: ProjectEntity,
  includeCapabilities: boolean,
): JsonObject {
  const teamId = `${project.id.slice(0, 24)}7eae00000001`;
  const json: JsonObject = {
    ...projectReferenceJson(orgUrl, project),
    _links: {
      self: link(`${orgUrl}/_apis/projects/${project.id}`),
      collection: link(`${orgUrl}/_apis/projectCollections/${collectionId}`),
      web: link(`${orgUrl}/${pathSegment(project.name)}`),
    },
    defaultTeam: {
      id: teamId,
      name: `${project.name} Team`,
      url: `${orgUrl}/_apis/projects/${project.id}/teams/${teamId}`,
    },
  };
  if (includeCapabilities) {
    json['capabilities'] = {
      versioncontrol: { sourceControlType: 'Git', gitEnabled: 'True', tfvcEnabled: 'False' },
      processTemplate: { templateName: 'Agile', templateTypeId: 'adcc42ab-9882-485e-a3ed-7678f01f66bc' },
    };
  }
  return json;
}
