// Building blocks of doctor's verdicts: titles, the check constructors, and how a failed call becomes a check.
import { ApiFailure } from '../requeue/checks-api.js';
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import { definedProps } from '../util/defined-props.js';
import type { CheckId, DoctorCheck } from './doctor-model.js';

export const CHECK_TITLES: Readonly<Record<CheckId, string>> = {
  configuration: 'Configuration',
  credential: 'Credential',
  identity: 'Identity',
  server: 'Server and REST API version',
  project: 'Project readable',
  repositories: 'Repositories readable',
  'pull-requests': 'Pull requests readable',
  'pull-request-checks': "A pull request's checks readable",
  'permission-contribute': 'Contribute to pull requests',
  'permission-queue-builds': 'Queue builds',
};

/** The order checks appear in; a stop marks every later one as skipped. */
export const CHECK_ORDER: readonly CheckId[] = [
  'credential',
  'identity',
  'server',
  'configuration',
  'project',
  'repositories',
  'pull-requests',
  'pull-request-checks',
  'permission-contribute',
  'permission-queue-builds',
];

/** What a check may add; an undefined one is left out of the report. */
type Extra = { readonly [K in 'code' | 'fix' | 'failure']?: DoctorCheck[K] | undefined };

export function check(
  id: CheckId,
  status: DoctorCheck['status'],
  detail: string,
  extra: Extra = {},
): DoctorCheck {
  return { id, title: CHECK_TITLES[id], status, detail, ...definedProps(extra) };
}

/** Every check that has not run yet (but the configuration check), marked skipped with the reason. */
export function skipAfter(checks: DoctorCheck[], reason: string): void {
  const done = new Set(checks.map((entry) => entry.id));
  for (const id of CHECK_ORDER) {
    if (!done.has(id) && id !== 'configuration') checks.push(check(id, 'skipped', `not run: ${reason}`));
  }
}

/** Codes of a TLS failure: the certificate is not trusted; verification is never turned off (checklist C6). */
const TLS_CODE = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i;
const UNREACHABLE_CODE =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|UND_ERR_\w+)$/;

export const TLS_FIX =
  "The server's TLS certificate is not trusted. Install its CA in the system store or point NODE_EXTRA_CA_CERTS at " +
  'the CA file; certificate verification is always on and cannot be turned off.';

export function asApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ApiFailure('other', message, 'error');
}

/** True when the server was never reached, or not over a trusted connection: nothing else can be checked. */
export function isUnreachable(failure: ApiFailure): boolean {
  return TLS_CODE.test(failure.code) || UNREACHABLE_CODE.test(failure.code) || failure.kind === 'config';
}

/** A failed call as a failed check: 401/403/203 → auth (exit 3); everything else → config (exit 2). */
export function failedCall(id: CheckId, failure: ApiFailure, fix: string | undefined): DoctorCheck {
  const tls = TLS_CODE.test(failure.code);
  return check(id, 'fail', sanitizeUntrustedText(failure.message), {
    code: failure.code,
    failure: failure.kind === 'auth' ? 'auth' : 'config',
    fix: tls ? TLS_FIX : fix,
  });
}

/** A short list of names for a detail line: "web, api, docs and 4 more". */
export function listNames(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map(sanitizeUntrustedText).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
