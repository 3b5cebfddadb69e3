// What the CLI needs from its process, injected so commands are testable in-process and main.ts stays the only
// file that touches `process`.
import type { Clock } from '../index.js';

export interface SecretMasker {
  /** Registers a secret and its encoded forms; ignores empty and short values. */
  add(secret: string): void;
  /** Every registered form, for `##vso[task.setsecret]`. */
  forms(): readonly string[];
  redact(text: string): string;
}

export interface CliIo {
  /** The environment as it was at start, token variables included (they are already gone from process.env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Redacting, line-buffered sinks. */
  readonly writeStdout: (text: string) => void;
  readonly writeStderr: (text: string) => void;
  /**
   * Writes `##vso[task.setsecret]` for a value, bypassing redaction (the line must carry the value to register it).
   * The only unredacted path to stdout.
   */
  readonly registerSecretWithAgent: (value: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly writeFile: (path: string, content: string) => Promise<void>;
  readonly secrets: SecretMasker;
  /** Aborted on SIGINT/SIGTERM: finish in-flight work, start nothing new, report. */
  readonly stopSignal: AbortSignal;
  /** Aborted on a second signal: requests still on the wire are abandoned too; the report is still printed. */
  readonly abortSignal: AbortSignal;
  /** 130 or 143 once a signal arrived. */
  readonly stopExitCode: () => number | undefined;
  readonly clock: Clock;
  readonly version: string;
}
