// Turns "here is a new secret" into: mask it and its encoded forms locally, and — in Azure Pipelines — tell the
// agent about each new form it would not mask by itself with `##vso[task.setsecret]` before anything else is
// written (checklist B1, B2). The agent masks a secret variable (the job token) already, and derives the
// URL-escaped and JSON-escaped forms of every value it is given, so those are never written (decision 0011).
// Values shorter than 8 characters are never registered: the agent would mask every occurrence of, say, "1"
// in the log (checklist B3).

import { deriveSecretForms } from '../redaction/secret-forms.js';

/** The part of the CLI's secret masker this needs (structural, so auth/ does not depend on cli/). */
export interface SecretMaskerLike {
  add(secret: string): void;
  forms(): readonly string[];
}

export const MIN_SECRET_LENGTH = 8;

/**
 * @param registerWithAgent writes one `##vso[task.setsecret]` line; pass it only when `TF_BUILD` is `True`.
 * @param agentMasks true for a secret the agent masks already (a secret variable such as System.AccessToken).
 * @returns a function to call with every secret as soon as it is known.
 */
export function createSecretRegistrar(
  masker: SecretMaskerLike,
  registerWithAgent?: (form: string) => void,
  agentMasks: (secret: string) => boolean = () => false,
): (secret: string) => void {
  const announced = new Set<string>();
  return (secret) => {
    const value = secret.trim();
    if (value.length < MIN_SECRET_LENGTH) return;
    masker.add(value);
    if (!registerWithAgent || agentMasks(value)) return;
    for (const form of formsTheAgentLacks(value)) {
      if (announced.has(form)) continue;
      announced.add(form);
      registerWithAgent(form);
    }
  };
}

/** The raw value and every form the agent cannot derive from it (base64 at each shift, hex, Basic headers). */
function formsTheAgentLacks(value: string): string[] {
  const derivedByAgent = new Set([encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  derivedByAgent.delete(value);
  return deriveSecretForms(value).filter((form) => !derivedByAgent.has(form));
}
