// Neutralises text that came from the server or from users (PR titles, branch names, error messages)
// before we print it: logging-command injection and terminal-escape injection.
// security-checklist.md B9 (agent StringUtil.DeactivateVsoCommands: "##vso" → "**vso", matched
// case-insensitively anywhere in a line) and B10 (gh: control characters shown in caret notation).

/** Bidirectional-override and isolate characters that can visually reorder a line (Trojan Source). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** C0 (except tab), DEL and C1 control characters; ESC covers ANSI/OSC escape sequences. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/**
 * Makes untrusted text safe to print on one line in a pipeline log or terminal:
 * - `##vso[` and `##[` lose their meaning (`**vso[`, `**[`), whatever the letter case;
 * - C0 controls become caret notation (`\u001b[31m` → `^[[31m`, newline → `^J`), DEL → `^?`;
 * - C1 controls and bidi overrides become `\u0085`-style escapes.
 */
export function sanitizeUntrustedText(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, escapeControlCharacter)
    .replace(BIDI_CONTROLS, escapeAsUnicode)
    .replace(/##(vso\[|\[)/gi, '**$1');
}

function escapeControlCharacter(character: string): string {
  const codePoint = character.charCodeAt(0);
  if (codePoint < 0x20) return `^${String.fromCharCode(codePoint + 0x40)}`;
  if (codePoint === 0x7f) return '^?';
  return escapeAsUnicode(character);
}

function escapeAsUnicode(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
