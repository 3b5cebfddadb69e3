// Turns "here is a new secret" into: mask it and its encoded forms locally, and — in Azure Pipelines — tell the
// agent about each new form with `##vso[task.setsecret]` before anything else is written (checklist B1, B2).
// Values shorter than 8 characters are never registered: the agent would mask every occurrence of, say, "1"
// in the log (checklist B3).

/** The part of the CLI's secret masker this needs (structural, so auth/ does not depend on cli/). */
export interface SecretMaskerLike {
  add(secret: string): void;
  forms(): readonly string[];
}

export const MIN_SECRET_LENGTH = 8;

/**
 * @param registerWithAgent writes one `##vso[task.setsecret]` line; pass it only when `TF_BUILD` is `True`.
 * @returns a function to call with every secret as soon as it is known.
 */
export function createSecretRegistrar(
  masker: SecretMaskerLike,
  registerWithAgent?: (form: string) => void,
): (secret: string) => void {
  const announced = new Set<string>();
  return (secret) => {
    const value = secret.trim();
    if (value.length < MIN_SECRET_LENGTH) return;
    masker.add(value);
    if (!registerWithAgent) return;
    for (const form of masker.forms()) {
      if (form.length < MIN_SECRET_LENGTH || announced.has(form)) continue;
      announced.add(form);
      registerWithAgent(form);
    }
  };
}
