// Wraps an output sink so that nothing reaches it unredacted, even a secret split across two
// writes: text is held until a line is complete (or flush/end), then redacted and written
// (security-checklist.md B6; the GitHub runner masks output line by line for the same reason).

/** Anything that takes text: a stream, the task's stdout, a test array. */
export interface TextSink {
  write(chunk: string): unknown;
}

export interface RedactingWriter {
  write(chunk: string): void;
  /** Writes the held partial line, redacted. Call it before exit. */
  flush(): void;
}

export interface RedactingWriterOptions {
  /**
   * A partial line longer than this is written out even without a newline, so a stream that never
   * ends a line cannot grow memory without bound. A secret straddling that cut is not caught.
   * @default 65_536
   */
  readonly maxPendingChars?: number;
}

/** Creates a writer that passes whole lines through `redact` before they reach `sink`. */
export function createRedactingWriter(
  sink: TextSink,
  redact: (text: string) => string,
  options: RedactingWriterOptions = {},
): RedactingWriter {
  const maxPendingChars = options.maxPendingChars ?? 65_536;
  let pending = '';

  function writeRedacted(text: string): void {
    if (text !== '') sink.write(redact(text));
  }

  return {
    write(chunk) {
      pending += chunk;
      const lastNewline = pending.lastIndexOf('\n');
      if (lastNewline !== -1) {
        writeRedacted(pending.slice(0, lastNewline + 1));
        pending = pending.slice(lastNewline + 1);
      }
      if (pending.length > maxPendingChars) {
        writeRedacted(pending);
        pending = '';
      }
    },
    flush() {
      writeRedacted(pending);
      pending = '';
    },
  };
}
