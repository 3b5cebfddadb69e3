// The base of every error the HTTP pipeline throws. Holds only redacted data, and replaces its
// `cause` with a redacted copy, so String(err), JSON.stringify(err), util.inspect(err) and the cause
// chain never show a credential (security-checklist.md B8; STYLE.md §2 guideline 6).

import { redactText } from '../../redaction/redact.js';

/** Options shared by every pipeline error. */
export interface HttpPipelineErrorOptions {
  /** A stable machine-readable code, e.g. `ECONNRESET` or `HTTP_STATUS`. */
  readonly code: string;
  /** False only when the server provably never received the request (safe to resend anything). */
  readonly mayHaveReachedServer: boolean;
  /** The underlying failure; stored as a redacted copy. */
  readonly cause?: unknown;
  /** Extra redaction (e.g. a secret registry) applied to the cause's message and stack. */
  readonly redact?: ((text: string) => string) | undefined;
}

/** The common base: catch this to handle any failure of a request through the pipeline. */
export class AzdoRequeueHttpError extends Error {
  readonly code: string;
  readonly mayHaveReachedServer: boolean;

  constructor(message: string, options: HttpPipelineErrorOptions) {
    const redact = options.redact ?? redactText;
    super(
      redact(message),
      options.cause === undefined ? undefined : { cause: copyWithoutSecrets(options.cause, redact, 0) },
    );
    this.name = new.target.name;
    this.code = options.code;
    this.mayHaveReachedServer = options.mayHaveReachedServer;
  }

  /** `JSON.stringify` includes the message and the (already redacted) cause message. */
  toJSON(): Record<string, unknown> {
    const cause =
      this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : undefined;
    return {
      ...Object.fromEntries(Object.entries(this)),
      message: this.message,
      ...(cause ? { cause } : {}),
    };
  }
}

/** Matches by class or, across module copies, by name. */
export function isAzdoRequeueHttpError(value: unknown): value is AzdoRequeueHttpError {
  return value instanceof AzdoRequeueHttpError || (value instanceof Error && 'mayHaveReachedServer' in value);
}

/**
 * Matches an instance of `type` or, across module copies (where `instanceof` fails), any Error whose
 * `name` is `name`. The name is passed as text, not read from `type`, so a bundler's renaming cannot move it.
 */
export function isErrorNamed<T extends Error>(
  value: unknown,
  type: abstract new (...args: never[]) => T,
  name: string,
): value is T {
  return value instanceof type || (value instanceof Error && value.name === name);
}

const MAX_CAUSE_DEPTH = 5;

/** Rebuilds an error chain from names, codes, messages and stacks only, each passed through `redact`. */
function copyWithoutSecrets(cause: unknown, redact: (text: string) => string, depth: number): Error {
  if (cause instanceof AzdoRequeueHttpError) return cause;
  if (!(cause instanceof Error)) return new Error(redact(describeNonError(cause)));
  const nested =
    cause.cause !== undefined && depth < MAX_CAUSE_DEPTH
      ? { cause: copyWithoutSecrets(cause.cause, redact, depth + 1) }
      : undefined;
  const inner = cause instanceof AggregateError ? describeAggregate(cause) : '';
  const copy = new Error(redact(cause.message + inner), nested);
  copy.name = cause.name;
  copy.stack = redact(cause.stack ?? `${cause.name}: ${cause.message}`);
  const code: unknown = (cause as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  return copy;
}

function describeAggregate(error: AggregateError): string {
  const parts = (error.errors as unknown[]).map((inner) =>
    inner instanceof Error ? inner.message : 'error',
  );
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function describeNonError(value: unknown): string {
  return typeof value === 'string' ? value : `non-error value of type ${typeof value}`;
}
