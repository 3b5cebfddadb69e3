// Every encoding under which a secret can appear in output, so the registry can replace all of them
// and the task can register all of them with the agent (security-checklist.md B1, B2, B5).
// The pipeline agent masks only whole-value base64 of secret variables; GitHub's runner also masks
// base64 at byte shifts 1 and 2 and behind the prefixes ":", "a:", "ab:"… (DefaultSecretMaskers), which
// is what catches a token inside `Basic base64(user:token)`. We derive the same set ourselves.

/** Forms shorter than this are never produced: they would mask ordinary text (agent MaskedSecretMinLength). */
export const MIN_SECRET_FORM_CHARS = 8;

/** Prefixes put before a secret when it is a password: `base64(":"+pat)`, `base64("PAT:"+pat)`. */
const BASIC_AUTH_PREFIXES = [':', 'PAT:'];
const COLON = Buffer.from(':', 'utf8');

/**
 * Returns the distinct forms of `secret`, longest first: the raw value; its base64 and base64url
 * encodings at byte shifts 0, 1 and 2 (the characters that do not depend on neighbouring bytes);
 * the same behind a known ":" (`user:secret`); the complete `base64(":"+s)` and `base64("PAT:"+s)`
 * header values; its URL-encoded and JSON-escaped forms; its hex in lower and upper case. Forms under 8 characters are left out,
 * and a secret under 8 characters has no forms at all.
 */
export function deriveSecretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_FORM_CHARS) return [];
  const forms = new Set<string>([secret, encodeUrlComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  const secretBytes = Buffer.from(secret, 'utf8');
  // Hex is byte-aligned, so the secret's hex is a substring of the hex of any text holding it; both cases.
  const hex = secretBytes.toString('hex');
  forms.add(hex).add(hex.toUpperCase());
  for (const alphabet of ['base64', 'base64url'] as const) {
    for (const prefix of BASIC_AUTH_PREFIXES) {
      forms.add(Buffer.from(prefix + secret, 'utf8').toString(alphabet));
    }
    // The secret after 0, 1 or 2 unknown bytes of its 3-byte group, and the same after a known ":"
    // (`user:secret`) — the runner's ":", "a:", "ab:", "abc:"… matrix, which repeats mod 3.
    for (let unknownBytes = 0; unknownBytes < 3; unknownBytes++) {
      forms.add(encodeStableBase64(Buffer.alloc(0), secretBytes, unknownBytes, alphabet));
      forms.add(encodeStableBase64(COLON, secretBytes, unknownBytes, alphabet));
    }
  }
  return [...forms]
    .filter((form) => form.length >= MIN_SECRET_FORM_CHARS)
    .sort((a, b) => b.length - a.length);
}

/**
 * base64 of `known + secret` when `unknownBytes` (0–2) unknown bytes precede it in the same 3-byte
 * group: the characters touching unknown bits are dropped at both ends, so the result is a substring
 * of the encoding of any text that contains `known + secret` at that alignment.
 */
function encodeStableBase64(
  known: Buffer,
  secret: Buffer,
  unknownBytes: number,
  alphabet: 'base64' | 'base64url',
): string {
  const bytes = Buffer.concat([Buffer.alloc(unknownBytes), known, secret]);
  const encoded = bytes.toString(alphabet).replace(/=+$/, '');
  // 1 unknown byte spreads over 2 characters, 2 unknown bytes over 3.
  const leadingChars = [0, 2, 3][unknownBytes] ?? 0;
  // An incomplete last group: its last character also holds bits of whatever follows.
  const trailingChars = bytes.length % 3 === 0 ? 0 : 1;
  return encoded.slice(leadingChars, encoded.length - trailingChars);
}

/** encodeURIComponent, which throws on a lone surrogate; such a secret keeps its raw form only. */
function encodeUrlComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}
