// How the service refuses a missing or wrong token: 401 or a 203 sign-in page, per X-TFS-FedAuthRedirect (§5).
import type { IncomingMessage } from 'node:http';
import { signInPage } from '../identity/authenticate.js';
import { jsonContentType, type Outgoing } from './respond.js';

/** `WWW-Authenticate` challenges of a 401 (realm = the service's own host, §5). */
function challenges(origin: string): string[] {
  return [
    'Bearer authorization_uri=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000',
    `Basic realm="${origin}/"`,
    'TFS-Federated',
  ];
}

/**
 * - `X-TFS-FedAuthRedirect: Suppress` (both official clients send it): 401, empty body, WWW-Authenticate;
 * - otherwise on GET/POST: 203 with an HTML sign-in page (the silent-null trap of §2.1);
 * - otherwise (e.g. PATCH): 401 with the JSON TF400813 body.
 */
export function unauthenticatedOutgoing(
  request: IncomingMessage,
  method: string,
  origin: string,
  orgUrl: string,
): Outgoing {
  const redirect = request.headers['x-tfs-fedauthredirect'];
  const suppress = typeof redirect === 'string' && redirect.toLowerCase() === 'suppress';
  if (suppress) {
    return { status: 401, body: '', headers: { 'www-authenticate': challenges(origin) } };
  }
  if (method === 'GET' || method === 'POST' || method === 'HEAD' || method === 'OPTIONS') {
    return { status: 203, contentType: 'text/html; charset=utf-8', body: signInPage(orgUrl) };
  }
  const body = {
    $id: '1',
    innerException: null,
    message: "TF400813: The user '' is not authorized to access this resource.",
    typeName:
      'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server',
    typeKey: 'UnauthorizedRequestException',
    errorCode: 0,
    eventId: 3000,
  };
  return {
    status: 401,
    contentType: jsonContentType(undefined),
    body: JSON.stringify(body),
    headers: { 'www-authenticate': challenges(origin) },
  };
}
