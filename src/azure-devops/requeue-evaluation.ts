// Exactly-once requeue: a PATCH cancels a running build and queues a new one, so it is never resent blindly.
// When the outcome is unknown (timeout, reset, 5xx after sending) the evaluation is read back, and the PATCH is
// sent again only if the read proves the first one did not take effect (docs/reliability.md).
import type { HttpResponse, SendRequest } from '../http/types.js';
import { ApiFailure, CheckNoLongerApplicableError, type RequeueOutcome } from '../requeue/checks-api.js';
import type { PolicyCheck, PullRequest } from '../requeue/model.js';
import { failureFromError, mayHaveReachedServer } from './call-failure.js';
import { policyEvaluationUrl } from './endpoints.js';
import { parsePolicyEvaluation } from './parse-policy-evaluation.js';
import { failureFromResponse, readJson } from './read-response.js';

/** PATCH attempts at most; each further attempt needs proof that the previous one did nothing. */
const MAX_ATTEMPTS = 3;

export async function requeueEvaluation(
  send: SendRequest,
  org: string,
  pullRequest: PullRequest,
  check: PolicyCheck,
): Promise<RequeueOutcome> {
  const url = policyEvaluationUrl(org, pullRequest.project.id, check.evaluationId);
  const what = `requeue check "${check.policyName}" of pull request ${pullRequest.id}`;
  let lastFailure: ApiFailure | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    let response: HttpResponse;
    try {
      // No body: the requeue action takes only the id from the route (reference §3.4).
      response = await send({ method: 'PATCH', url, headers: {}, idempotent: false, operation: what });
    } catch (error) {
      lastFailure = failureFromError(error, what);
      if (!mayHaveReachedServer(error)) continue;
      const state = await readBack(send, url, check, what);
      if (state) return state;
      continue;
    }
    if (response.status === 404) throw vanished(pullRequest, check);
    if (response.status >= 200 && response.status < 300) {
      const record = parsePolicyEvaluation(readJson(response, what));
      return { confirmedBy: 'response', ...newBuild(check, record.buildId) };
    }
    lastFailure = failureFromResponse(response, what);
    if (response.status < 500) throw lastFailure;
    const state = await readBack(send, url, check, what);
    if (state) return state;
  }
  throw lastFailure ?? new ApiFailure('other', `${what} failed`, 'unknown');
}

/** Reads the evaluation again: a new build or a check no longer expired means the requeue happened. */
async function readBack(
  send: SendRequest,
  url: URL,
  check: PolicyCheck,
  what: string,
): Promise<RequeueOutcome | undefined> {
  const readWhat = `read back ${what}`;
  let response: HttpResponse;
  try {
    response = await send({ method: 'GET', url, headers: {}, idempotent: true, operation: readWhat });
  } catch (error) {
    throw failureFromError(error, `${readWhat}: the requeue outcome is unknown and was not retried`);
  }
  if (response.status === 404)
    throw new CheckNoLongerApplicableError('vanished', 'the check no longer exists');
  const current = parsePolicyEvaluation(readJson(response, readWhat));
  const rebuilt = current.buildId !== undefined && current.buildId !== check.buildId;
  if (rebuilt || !current.isExpired) return { confirmedBy: 'read-back', ...newBuild(check, current.buildId) };
  return undefined;
}

function newBuild(check: PolicyCheck, buildId: number | undefined): { newBuildId?: number } {
  return buildId !== undefined && buildId !== check.buildId ? { newBuildId: buildId } : {};
}

function vanished(pullRequest: PullRequest, check: PolicyCheck): CheckNoLongerApplicableError {
  return new CheckNoLongerApplicableError(
    'vanished',
    `check ${check.evaluationId} of pull request ${pullRequest.id} no longer exists (the PR was completed, abandoned or updated)`,
  );
}
