// Canary tokens made at run time (never literals: repository scanners stay meaningful, checklist E4) and the one
// leak assertion every end-to-end test uses (checklist E1). The encodings are computed here independently of
// src/redaction, so a bug there cannot hide itself.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';

export interface Canaries {
  /** JWT-shaped like System.AccessToken: three base64url segments, `exp` an hour ahead. */
  readonly jwt: string;
  /** 84 characters with `AZDO` at offset 76: the current Azure DevOps PAT format. */
  readonly pat: string;
  /** 52 characters of [a-z2-7]: the legacy Azure DevOps PAT format. */
  readonly legacyPat: string;
  readonly all: readonly string[];
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export const makeLegacyPat = (): string => pick(BASE32, 52);
export const makeNewPat = (): string => `${pick(ALNUM, 52)}JQQJ99${pick(ALNUM, 18)}AZDO${pick(ALNUM, 4)}`;
export const makeOpaqueToken = (length = 40): string => pick(ALNUM, length);

export function makeJwt(payload: Record<string, unknown> = {}): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: randomBytes(9).toString('base64url') };
  const body = {
    nonce: randomBytes(12).toString('hex'),
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...payload,
  };
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(body)}.${randomBytes(64).toString('base64url')}`;
}

export function makeCanaries(): Canaries {
  const canaries = { jwt: makeJwt(), pat: makeNewPat(), legacyPat: makeLegacyPat() };
  const all = [canaries.jwt, canaries.pat, canaries.legacyPat];
  // CI lists every canary so that scripts/scan-log-for-canaries.ts can prove none reached its own log (E4).
  const list = process.env['AZDO_REQUEUE_CANARY_LIST'];
  if (list) appendFileSync(list, `${all.join('\n')}\n`, { mode: 0o600 });
  return { ...canaries, all };
}

/**
 * Every form under which `token` could leak: raw, URL-encoded, JSON-escaped, hex (both cases), the Basic header values
 * `base64(":"+t)` and `base64("PAT:"+t)`, and base64/base64url of `t` behind 0, 1 or 2 unknown bytes (only the
 * characters that do not depend on the neighbours, so the form is a substring of any such encoding).
 */
export function encodedForms(token: string): { readonly name: string; readonly value: string }[] {
  const forms = [
    { name: 'raw', value: token },
    { name: 'url-encoded', value: encodeURIComponent(token) },
    { name: 'json-escaped', value: JSON.stringify(token).slice(1, -1) },
    { name: 'hex', value: Buffer.from(token).toString('hex') },
    { name: 'HEX', value: Buffer.from(token).toString('hex').toUpperCase() },
  ];
  for (const alphabet of ['base64', 'base64url'] as const) {
    forms.push({ name: `${alphabet}(":"+t)`, value: Buffer.from(`:${token}`).toString(alphabet) });
    forms.push({ name: `${alphabet}("PAT:"+t)`, value: Buffer.from(`PAT:${token}`).toString(alphabet) });
    for (const shift of [0, 1, 2]) {
      const bytes = Buffer.concat([Buffer.alloc(shift, 0x41), Buffer.from(token)]);
      const text = bytes.toString(alphabet).replace(/=+$/, '');
      const lead = [0, 2, 3][shift] ?? 0;
      const trail = bytes.length % 3 === 0 ? 0 : 1;
      forms.push({ name: `${alphabet} shift ${shift}`, value: text.slice(lead, text.length - trail) });
    }
  }
  return forms.filter((form) => form.value.length >= 8);
}

/** Where an output contains a form of `token`: "stdout: base64 shift 1 at 1234". Never the token itself. */
export function findLeaks(outputs: Readonly<Record<string, string>>, token: string): string[] {
  const forms = encodedForms(token);
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(outputs)) {
    for (const form of forms) {
      const index = text.indexOf(form.value);
      if (index !== -1) leaks.push(`${where}: ${form.name} at ${index}`);
    }
  }
  return leaks;
}

/** Throws naming each place and form that leaked; the message never contains the canary (checklist E4). */
export function assertNoLeak(
  outputs: Readonly<Record<string, string>>,
  canary: string | readonly string[],
): void {
  const tokens = typeof canary === 'string' ? [canary] : canary;
  const leaks = tokens.flatMap((token, index) =>
    findLeaks(outputs, token).map((leak) => `canary ${index}: ${leak}`),
  );
  if (leaks.length > 0) throw new Error(`secret leaked:\n  ${leaks.join('\n  ')}`);
}

/**
 * Where an output holds a piece of a form of `token` at least `minChars` long: what is left of a secret that was
 * cut (at a length limit) or escaped (`a_b` → `a\_b`) before it was masked. Names the place and form only.
 */
export function findFragments(
  outputs: Readonly<Record<string, string>>,
  token: string,
  minChars = 10,
): string[] {
  const pieces = new Map<string, string>();
  for (const form of encodedForms(token)) {
    for (let start = 0; start + minChars <= form.value.length; start++) {
      pieces.set(form.value.slice(start, start + minChars), form.name);
    }
  }
  const leaks = new Set<string>();
  for (const [where, text] of Object.entries(outputs)) {
    for (let index = 0; index + minChars <= text.length; index++) {
      const form = pieces.get(text.slice(index, index + minChars));
      if (form !== undefined) leaks.add(`${where}: a piece of ${form}`);
    }
  }
  return [...leaks];
}
