// Public surface of the redaction layer: re-exports only.

export { REDACTED, redactHeaders, redactText, redactUrl } from './redact.js';
export { deriveSecretForms, MIN_SECRET_FORM_CHARS } from './secret-forms.js';
export { createSecretRegistry } from './secret-registry.js';
export type { SecretRegistry } from './secret-registry.js';
export { createRedactingWriter } from './redacting-writer.js';
export type { RedactingWriter, RedactingWriterOptions, TextSink } from './redacting-writer.js';
export { sanitizeUntrustedText } from './untrusted-text.js';
