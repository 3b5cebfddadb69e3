// The service's error envelope and the exact errors the emulator raises (§5 table, §1.2 version errors).

/** An error the service answers with `{"$id":"1","innerException":null,"message",…}` (§5). */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    readonly typeName: string,
    message: string,
    readonly eventId = 3000,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toBody(): Record<string, unknown> {
    return {
      $id: '1',
      innerException: null,
      message: this.message,
      typeName: this.typeName,
      typeKey: this.typeKey,
      errorCode: 0,
      eventId: this.eventId,
    };
  }
}

const VSS = 'Microsoft.VisualStudio.Services.WebApi';
const GIT = 'Microsoft.TeamFoundation.Git.Server';
const POLICY = 'Microsoft.TeamFoundation.Policy.Server';

function typed(
  status: number,
  namespace: string,
  typeKey: string,
  message: string,
  eventId = 3000,
): ServiceError {
  const assembly = namespace === VSS ? VSS : namespace;
  return new ServiceError(status, typeKey, `${namespace}.${typeKey}, ${assembly}`, message, eventId);
}

export const serviceErrors = {
  projectNotFound: (name: string) =>
    typed(
      404,
      'Microsoft.TeamFoundation.Core.WebApi',
      'ProjectDoesNotExistWithNameException',
      `TF200016: The following project does not exist: ${name}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
    ),
  repositoryNotFound: (nameOrId: string) =>
    typed(
      404,
      GIT,
      'GitRepositoryNotFoundException',
      `TF401019: The Git repository with name or identifier ${nameOrId} does not exist or you do not have permissions for the operation you are attempting.`,
    ),
  pullRequestNotFound: () =>
    typed(404, GIT, 'GitPullRequestNotFoundException', 'TF401180: The requested pull request was not found.'),
  pullRequestContributeDenied: (account: string) =>
    typed(
      403,
      GIT,
      'GitNeedsPermissionException',
      `TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity '${account}', scope 'repository'.`,
    ),
  queueBuildsDenied: (account: string, definition: string, project: string) =>
    typed(
      403,
      'Microsoft.TeamFoundation.Build.WebApi',
      'AccessDeniedException',
      `TF215106: Access denied. ${account} needs Queue builds permissions for build pipeline ${definition} in team project ${project} to perform the action. For more information, contact the Azure DevOps Server administrator.`,
    ),
  evaluationNotFound: (id: string) =>
    typed(404, POLICY, 'PolicyEvaluationNotFoundException', `The policy evaluation ${id} does not exist.`),
  artifactNotFound: (artifactId: string) =>
    typed(404, POLICY, 'ArtifactNotFoundException', `The artifact ${artifactId} could not be found.`),
  configurationNotFound: (id: string) =>
    typed(404, POLICY, 'PolicyConfigurationNotFoundException', `Policy configuration ${id} does not exist.`),
  buildNotFound: (id: string) =>
    typed(
      404,
      'Microsoft.TeamFoundation.Build.WebApi',
      'BuildNotFoundException',
      `Build ${id} could not be found.`,
    ),
  argumentNull: (name: string) =>
    new ServiceError(
      400,
      'ArgumentNullException',
      'System.ArgumentNullException, mscorlib',
      `Value cannot be null.\r\nParameter name: ${name}`,
      0,
    ),
  invalidArgument: (name: string, value: string) =>
    typed(
      400,
      'Microsoft.TeamFoundation.SourceControl.WebServer',
      'InvalidArgumentValueException',
      `The value '${value}' is not valid for parameter ${name}.`,
      0,
    ),
  invalidPreview: (version: string) =>
    typed(
      400,
      VSS,
      'VssInvalidPreviewVersionException',
      `The requested version "${version}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`,
      0,
    ),
  versionOutOfRange: (version: string, latest: string) =>
    typed(
      400,
      VSS,
      'VssVersionOutOfRangeException',
      `The requested REST API version of ${version} is out of range for this server. The latest REST API version this server supports is ${latest}.`,
      0,
    ),
  versionOutOfRouteRange: (version: string, route: string) =>
    typed(
      400,
      VSS,
      'VssVersionOutOfRangeException',
      `The request matched route ${route}, but the requested REST API version ${version} was outside the valid version range for this route.`,
      0,
    ),
  invalidVersion: (version: string) =>
    typed(
      400,
      VSS,
      'VssInvalidApiResourceVersionException',
      `Invalid api version string: "${version}". Api version string must be in the format: {Major}.{Minor}[-preview[.{ResourceVersion}]].`,
      0,
    ),
  versionNotSpecified: (method: string) =>
    typed(
      400,
      VSS,
      'VssVersionNotSpecifiedException',
      `No api-version was supplied for the "${method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").`,
      0,
    ),
  methodNotAllowed: (method: string) =>
    new ServiceError(
      405,
      'HttpMethodNotAllowed',
      'System.Web.Http.HttpResponseException, System.Web.Http',
      `The requested resource does not support http method '${method}'.`,
      0,
    ),
};
