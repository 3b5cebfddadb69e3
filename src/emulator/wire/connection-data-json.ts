// JSON of `GET _apis/connectionData` for the caller's identity (§2.5).
import type { IdentityEntity } from '../model/entities.js';
import type { JsonObject } from '../protocol/wire-format.js';

function identityJson(identity: IdentityEntity): JsonObject {
  return {
    id: identity.id,
    descriptor: identity.descriptor,
    subjectDescriptor: identity.subjectDescriptor,
    providerDisplayName: identity.displayName,
    customDisplayName: identity.kind === 'build' ? undefined : `${identity.displayName} (emulated)`,
    isActive: true,
    // §2.5: for the job token the account is `Build\<guid>`, the name error messages use.
    properties: { Account: { $type: 'System.String', $value: identity.account } },
    resourceVersion: 2,
    metaTypeId: 0,
  };
}

/** The recorded shape with the emulator's ids; the build identity has no customDisplayName. */
export function connectionDataJson(
  identity: IdentityEntity,
  collectionId: string,
  onPremises: boolean,
): JsonObject {
  const user = identityJson(identity);
  if (user['customDisplayName'] === undefined) {
    delete user['customDisplayName'];
  }
  return {
    authenticatedUser: user,
    authorizedUser: user,
    instanceId: collectionId,
    deploymentId: 'ed30ce5c-9d0a-f73c-3580-4315c7f84d83',
    deploymentType: onPremises ? 'onPremises' : 'hosted',
    locationServiceData: {
      serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
      defaultAccessMappingMoniker: 'PublicAccessMapping',
      lastChangeId: 424239147,
      lastChangeId64: 424239147,
    },
  };
}
