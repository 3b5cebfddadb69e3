// Authentication as the service does it: Bearer or Basic with any user name, for either token (§1.3, §10.10).
import type { IdentityEntity } from '../model/entities.js';
import type { EmulatorTokens } from './tokens.js';

export type TokenKind = 'job' | 'pat';
export type AuthScheme = 'Bearer' | 'Basic';

export interface Caller {
  token: TokenKind;
  scheme: AuthScheme;
  identity: IdentityEntity;
}

/** `ok` with the caller, or why not: no header, an unknown scheme, or a token the emulator did not issue. */
export type AuthOutcome =
  { kind: 'ok'; caller: Caller } | { kind: 'missing' } | { kind: 'invalid'; scheme: AuthScheme | 'other' };

function tokenKind(token: string, tokens: EmulatorTokens): TokenKind | undefined {
  if (token === '') return undefined;
  if (token === tokens.jobToken) return 'job';
  if (token === tokens.pat) return 'pat';
  return undefined;
}

/**
 * Reads the Authorization header. Basic's user name is ignored: node sends `PAT`, az an empty one (§1.3).
 * Basic credentials without a colon are read as a bare token.
 */
export function authenticate(
  header: string | undefined,
  tokens: EmulatorTokens,
  identities: { job: IdentityEntity; pat: IdentityEntity },
): AuthOutcome {
  if (header === undefined || header.trim() === '') {
    return { kind: 'missing' };
  }
  const space = header.indexOf(' ');
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  const value = space === -1 ? '' : header.slice(space + 1).trim();
  let token: string;
  let authScheme: AuthScheme;
  if (scheme === 'bearer') {
    authScheme = 'Bearer';
    token = value;
  } else if (scheme === 'basic') {
    authScheme = 'Basic';
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    token = colon === -1 ? decoded : decoded.slice(colon + 1);
  } else {
    return { kind: 'invalid', scheme: 'other' };
  }
  const kind = tokenKind(token, tokens);
  if (kind === undefined) {
    return { kind: 'invalid', scheme: authScheme };
  }
  return { kind: 'ok', caller: { token: kind, scheme: authScheme, identity: identities[kind] } };
}

/** The sign-in page the service serves with 203 when the client did not ask to suppress redirects (§5). */
export function signInPage(orgUrl: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Azure DevOps Services | Sign In</title></head>',
    '<body>',
    '<h1>Sign in to Azure DevOps</h1>',
    `<p>You need to sign in to access ${orgUrl}.</p>`,
    '<form method="post" action="https://login.microsoftonline.com/common/oauth2/authorize">',
    '<input type="hidden" name="emulator" value="sign-in page">',
    '<button type="submit">Sign in</button>',
    '</form>',
    '</body></html>',
  ].join('\n');
}
