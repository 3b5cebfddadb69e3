// Exactly-once requeue. A PATCH cancels a running build and queues a new one (reference §3.4), and az shows that
// a blind resend after a 5xx can requeue twice (§5), so the PATCH is never resent on an unknown outcome: the
// evaluation is read back and the PATCH goes again only when the read proves the previous one did nothing.
// Before the PATCH the check and its pull request are read once more, so a world that changed since the
// listing is skipped, not requeued (docs/decisions/0008-exactly-once-requeue.md, docs/reliability.md).
import type { HttpResponse, SendRequest } from '../http/types.js';
import { ApiFailure, CheckNoLongerApplicableError, type RequeueOutcome } from '../requeue/checks-api.js';
import type { PolicyCheck, PullRequest } from '../requeue/model.js';
import { systemClock, type Clock } from '../util/clock.js';
import { failureFromError, isRateLimitRefusal, mayHaveReachedServer } from './call-failure.js';
import {
  compareWithListed,
  readCheckState,
  type CheckState,
  type Comparison,
} from './compare-check-state.js';
import type { IsStillActive } from './active-pull-requests.js';
import { confirmStillWanted, vanished, type RequeueCall } from './confirm-still-wanted.js';
import { policyEvaluationUrl } from './endpoints.js';
import { failureFromResponse, isSignInPage, readJson } from './read-response.js';

export interface RequeueEvaluationOptions {
  /** @default systemClock */
  readonly clock?: Clock;
  /** Wait before reading back after a dropped connection or a timeout, so a server still busy with the PATCH can finish. @default 2_000 */
  readonly settleDelayMs?: number;
  /** PATCH attempts at most; each one after the first needs a read-back proving the previous did nothing. @default 3 */
  readonly maxAttempts?: number;
  /** Wait before a proven-safe resend, doubled per attempt, so a 5xx burst is not hammered. @default 1_000 */
  readonly resendDelayMs?: number;
  /** Read the check and its pull request right before the PATCH, and skip it if either changed. @default true */
  readonly checkFirst?: boolean;
  /** With checkFirst: whether the pull request is still active, from a shared listing; else it is read itself. */
  readonly isStillActive?: IsStillActive;
  readonly signal?: AbortSignal;
}

/** What one PATCH told us: done, or unknown (read back; `resend` says whether "unchanged" allows another PATCH). */
type PatchResult =
  | { readonly done: RequeueOutcome }
  | { readonly failure: ApiFailure; readonly settle: boolean; readonly resend: boolean };

export async function requeueEvaluation(
  send: SendRequest,
  org: string,
  pullRequest: PullRequest,
  check: PolicyCheck,
  options: RequeueEvaluationOptions = {},
): Promise<RequeueOutcome> {
  const { signal } = options;
  const call: RequeueCall = (method, url, operation) =>
    send({
      method,
      url,
      headers: {},
      idempotent: method !== 'PATCH',
      operation,
      ...(signal ? { signal } : {}),
    });
  const url = policyEvaluationUrl(org, pullRequest.project.id, check.evaluationId);
  const what = `requeue check "${check.policyName}" of pull request ${pullRequest.id}`;
  if (options.checkFirst !== false) {
    await confirmStillWanted(call, org, pullRequest, check, url, options.isStillActive);
  }
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    const result = await patchOnce(call, url, check, what);
    if ('done' in result) return result.done;
    // Wait first, then read back: the read that allows a resend is the last thing before it, so a requeue made
    // meanwhile by another run (decision 0014) is seen, not cancelled by the resend.
    const mayResend = result.resend && attempt < maxAttempts;
    const settleMs = result.settle ? (options.settleDelayMs ?? 2_000) : 0;
    const backoffMs = mayResend ? (options.resendDelayMs ?? 1_000) * 2 ** (attempt - 1) : 0;
    if (settleMs > 0 || backoffMs > 0) await wait(options, Math.max(settleMs, backoffMs), result.failure);
    const seen = await readBack(call, url, check, what, result.failure);
    if (seen.progress === 'moved-on') return { confirmedBy: 'read-back', ...newBuild(seen) };
    if (!result.resend) throw result.failure;
    if (attempt >= maxAttempts) {
      const message = `${result.failure.message}; not requeued after ${attempt} attempts (each read back and found unchanged)`;
      throw new ApiFailure(result.failure.kind, message, result.failure.code, { cause: result.failure });
    }
  }
}

/** Waits on the injected clock (settling before a read-back, backing off before a resend); a stop ends the wait. */
async function wait(options: RequeueEvaluationOptions, ms: number, failure: ApiFailure): Promise<void> {
  try {
    await (options.clock ?? systemClock).sleep(ms, options.signal);
  } catch {
    throw outcomeUnknown(failure, 'the run was stopped while it waited to read back or resend');
  }
}

async function patchOnce(
  call: RequeueCall,
  url: URL,
  check: PolicyCheck,
  what: string,
): Promise<PatchResult> {
  let response: HttpResponse;
  try {
    // No body: the requeue action takes only the id from the route (reference §3.4).
    response = await call('PATCH', url, what);
  } catch (error) {
    const failure = failureFromError(error, what);
    if (isRateLimitRefusal(error)) throw notRequeued(failure, 'the wait asked for is longer than accepted');
    // Never reached the server; the pipeline already retried what it safely could.
    if (!mayHaveReachedServer(error)) throw failure;
    return { failure, settle: true, resend: true };
  }
  // A sign-in page is an auth failure, and is never data (§5); only a read-back can tell whether it acted.
  if (isSignInPage(response)) {
    return { failure: failureFromResponse(response, what), settle: false, resend: false };
  }
  if (response.status >= 200 && response.status < 300) {
    // The server answered success: the requeue happened, even if the body is cut off or unreadable.
    return {
      done: { confirmedBy: 'response', ...newBuild(compareWithListed(check, parseQuietly(response))) },
    };
  }
  if (response.status === 404) throw vanished(check, 'the check or its pull request no longer exists');
  const failure = failureFromResponse(response, what);
  // 5xx and 408: the server may have acted (it answered, so it is done; no settling needed).
  if (response.status >= 500 || response.status === 408) return { failure, settle: false, resend: true };
  // Any other 4xx refused the request; a 429 here means the pipeline's retries ran out (§6: not acted on).
  throw response.status === 429 ? notRequeued(failure, 'throttled') : failure;
}

/** Reads the evaluation after an unknown outcome; throws when the read cannot decide. */
async function readBack(
  call: RequeueCall,
  url: URL,
  check: PolicyCheck,
  what: string,
  patchFailure: ApiFailure,
): Promise<Comparison> {
  const readWhat = `read back ${what}`;
  let body: unknown;
  try {
    const response = await call('GET', url, readWhat);
    if (response.status === 404) throw vanished(check, 'the check no longer exists');
    body = readJson(response, readWhat);
  } catch (error) {
    if (error instanceof CheckNoLongerApplicableError) throw error;
    const readFailure = failureFromError(error, readWhat);
    throw outcomeUnknown(patchFailure, readFailure.message, readFailure.kind === 'auth');
  }
  const seen = compareWithListed(check, readCheckState(body));
  if (seen.progress === 'unknown') {
    throw outcomeUnknown(patchFailure, `${readWhat} returned a record without its build context`);
  }
  return seen;
}

function parseQuietly(response: HttpResponse): CheckState | undefined {
  try {
    return readCheckState(JSON.parse(response.bodyText.replace(/^\uFEFF/, '')));
  } catch {
    return undefined;
  }
}

function newBuild(seen: Comparison): { newBuildId?: number } {
  return seen.newBuildId === undefined ? {} : { newBuildId: seen.newBuildId };
}

function notRequeued(failure: ApiFailure, why: string): ApiFailure {
  return new ApiFailure(failure.kind, `${failure.message} (not requeued: ${why})`, failure.code, {
    cause: failure,
  });
}

/** Neither done nor provably not done: reported as failed with code `outcome-unknown`, never resent. */
function outcomeUnknown(patchFailure: ApiFailure, why: string, authFailure = false): ApiFailure {
  return new ApiFailure(
    authFailure ? 'auth' : patchFailure.kind,
    `${patchFailure.message}; whether it was requeued is unknown and it was not resent, because ${why}`,
    'outcome-unknown',
    { cause: patchFailure },
  );
}
