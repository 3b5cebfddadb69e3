// The set of secrets known to this run (an instance, never module state), applied at every sink:
// stdout, stderr, the debug log, JSON output, error messages (security-checklist.md B5; renovate
// lib/util/sanitize.ts registers each secret and its base64 form).

import { redactText } from './redact.js';
import { deriveSecretForms, MIN_SECRET_FORM_CHARS } from './secret-forms.js';

/** Methods are plain functions (no `this`), so `registry.redact` can be passed around on its own. */
export interface SecretRegistry {
  /**
   * Registers a secret and all its encoded forms. Empty, whitespace-only and short (< 8 characters)
   * values are ignored: masking them would mask ordinary text (security-checklist.md B3).
   * @throws TypeError for a multi-line value; register each line instead (task-lib setSecret does the same).
   */
  readonly add: (secret: string) => void;
  /** Every registered form, longest first, e.g. to pass each to the agent's `setSecret`. */
  readonly forms: () => readonly string[];
  /** Replaces every registered form with `***`, then every credential-shaped value (see redactText). */
  readonly redact: (text: string) => string;
}

const MASK = '***';

/** Creates an empty registry. */
export function createSecretRegistry(): SecretRegistry {
  const known = new Set<string>();
  let pattern: RegExp | undefined;
  let sortedForms: readonly string[] = [];

  return {
    add: (secret) => {
      if (/[\r\n]/.test(secret))
        throw new TypeError('a secret must be a single line; register each line separately');
      if (secret.trim() === '' || secret.length < MIN_SECRET_FORM_CHARS) return;
      const before = known.size;
      for (const form of deriveSecretForms(secret)) known.add(form);
      if (known.size === before) return;
      // Longest first, so a long form is replaced whole rather than around a shorter one inside it.
      sortedForms = [...known].sort((a, b) => b.length - a.length);
      pattern = new RegExp(sortedForms.map(escapeRegExp).join('|'), 'g');
    },
    forms: () => sortedForms,
    redact: (text) => {
      const withoutKnown = pattern ? text.replace(pattern, MASK) : text;
      return redactText(withoutKnown);
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
