// The one reading of a REST version a person chose: the CLI's `--api-version` (for a run and for doctor) and the
// task's `apiVersion` input. One rule and one message for all three; each entry point adds only its error class
// (a usage error, exit 2; a task input error, the task fails). Decision 0010, point 4.
import { type ApiVersionMode, parseApiVersionMode } from './negotiate-api-versions.js';

export type ApiVersionSetting = { readonly mode: ApiVersionMode } | { readonly problem: string };

/**
 * `auto` when not given (negotiated with the server), or the release `X.Y` to pin every call to; anything else is a
 * problem naming the setting (`--api-version`, `apiVersion`) and what it takes.
 */
export function readApiVersionSetting(name: string, text: string | undefined): ApiVersionSetting {
  if (text === undefined) return { mode: 'auto' };
  const mode = parseApiVersionMode(text);
  if (mode !== undefined) return { mode };
  return {
    problem:
      `${name} must be auto or a REST version from 5.0 (5.0 Server 2019, 6.0 Server 2020, 7.0 Server 2022), ` +
      `got "${text}"`,
  };
}
