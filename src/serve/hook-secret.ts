// Where the hook's shared secret comes from: AZDO_REQUEUE_HOOK_SECRET, or the file AZDO_REQUEUE_HOOK_SECRET_FILE
// names (a mounted secret). Never argv: a command line is readable by every user of the machine (checklist A1).

export const HOOK_SECRET_VARIABLE = 'AZDO_REQUEUE_HOOK_SECRET';
export const HOOK_SECRET_FILE_VARIABLE = 'AZDO_REQUEUE_HOOK_SECRET_FILE';

/** Shorter secrets would not be masked in output (the redactor ignores values under 8 characters). */
export const MIN_HOOK_SECRET_LENGTH = 16;

export class HookSecretError extends Error {
  override readonly name = 'HookSecretError';
}

/**
 * Reads the secret; throws HookSecretError with the fix when there is none or it is too short to be a secret.
 * A trailing line break (as `echo` or a mounted file leaves) is not part of it.
 */
export async function readHookSecret(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => Promise<string>,
): Promise<string> {
  const path = env[HOOK_SECRET_FILE_VARIABLE]?.trim();
  let secret = env[HOOK_SECRET_VARIABLE];
  if (path) {
    try {
      secret = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new HookSecretError(`cannot read ${HOOK_SECRET_FILE_VARIABLE} (${code})`);
    }
  }
  const value = (secret ?? '').replace(/\r?\n$/, '');
  if (value === '') {
    throw new HookSecretError(
      `no hook secret: set ${HOOK_SECRET_VARIABLE} (or ${HOOK_SECRET_FILE_VARIABLE} to a file holding it); ` +
        'it is the Basic-auth password of the service hook subscription',
    );
  }
  if (value.length < MIN_HOOK_SECRET_LENGTH || /[\r\n]/.test(value)) {
    throw new HookSecretError(
      `the hook secret must be one line of at least ${MIN_HOOK_SECRET_LENGTH} characters ` +
        '(for example: openssl rand -base64 32)',
    );
  }
  return value;
}
