// Reads a check, and whether its pull request is still active, right before the PATCH: the world may have moved on
// since the listing (a PR completed, abandoned or gone, a check requeued by someone else or no longer expired),
// and such a check is skipped with the reason instead of requeued (docs/reliability.md, "Changing world").
import type { HttpMethod, HttpResponse } from '../http/types.js';
import { CheckNoLongerApplicableError } from '../requeue/checks-api.js';
import type { PolicyCheck, PullRequest } from '../requeue/model.js';
import { failureFromError } from './call-failure.js';
import type { IsStillActive } from './active-pull-requests.js';
import { compareWithListed, readCheckState } from './compare-check-state.js';
import { API_VERSION } from './endpoints.js';
import { isObject, readString } from './json-guards.js';
import { pathSegment } from './path-segment.js';
import { readJson } from './read-response.js';

/** Sends one request of the requeue (the run's signal already attached). */
export type RequeueCall = (method: HttpMethod, url: URL, operation: string) => Promise<HttpResponse>;

export function vanished(check: PolicyCheck, why: string): CheckNoLongerApplicableError {
  return new CheckNoLongerApplicableError('vanished', `check ${check.evaluationId}: ${why}`);
}

/**
 * The world may have moved on since the listing: a vanished or closed PR, or a check no longer expired. A PR listed
 * as active by `isStillActive` (a shared, fresh listing) is not read again; any other PR is.
 */
export async function confirmStillWanted(
  call: RequeueCall,
  org: string,
  pullRequest: PullRequest,
  check: PolicyCheck,
  url: URL,
  isStillActive?: IsStillActive,
): Promise<void> {
  const checkWhat = `read check "${check.policyName}" of pull request ${pullRequest.id} before requeuing it`;
  // Whether the PR is still active: from the shared listing when it lists it, else from reading the PR.
  const active =
    isStillActive === undefined
      ? confirmPullRequestActive(call, org, pullRequest, check)
      : isStillActive(pullRequest).then(
          (listed) => listed ?? confirmPullRequestActive(call, org, pullRequest, check),
        );
  const [, checkResponse] = await Promise.all([
    active,
    call('GET', url, checkWhat).catch((error: unknown) => {
      throw failureFromError(error, checkWhat);
    }),
  ]);
  if (checkResponse.status === 404) {
    throw vanished(check, `pull request ${pullRequest.id} or its check no longer exists`);
  }
  const seen = compareWithListed(check, readCheckState(readJson(checkResponse, checkWhat)));
  if (seen.progress !== 'moved-on') return; // unchanged, or unreadable: the listing stays the evidence
  if (seen.newBuildId !== undefined) {
    throw new CheckNoLongerApplicableError(
      'changed',
      `its build changed since it was listed (${check.buildId ?? 'none'} → ${seen.newBuildId}): requeued by someone else or the pull request was updated`,
    );
  }
  const running = seen.status === 'queued' || seen.status === 'running';
  throw new CheckNoLongerApplicableError(
    running ? 'build-in-progress' : 'not-expired',
    `no longer needs a requeue (now ${seen.status ?? 'not expired'})`,
  );
}

/** Reads the pull request itself: true when active; gone (404) or closed is a skip with the reason. */
async function confirmPullRequestActive(
  call: RequeueCall,
  org: string,
  pullRequest: PullRequest,
  check: PolicyCheck,
): Promise<true> {
  const prWhat = `read pull request ${pullRequest.id} before requeuing it`;
  const prResponse = await call('GET', pullRequestUrl(org, pullRequest), prWhat).catch((error: unknown) => {
    throw failureFromError(error, prWhat);
  });
  if (prResponse.status === 404) {
    throw vanished(check, `pull request ${pullRequest.id} or its check no longer exists`);
  }
  const prBody = readJson(prResponse, prWhat);
  const prStatus = isObject(prBody) ? readString(prBody, 'status') : undefined;
  if (prStatus !== undefined && prStatus !== 'active') {
    throw new CheckNoLongerApplicableError('changed', `pull request ${pullRequest.id} is ${prStatus} now`);
  }
  return true;
}

/** `GET {org}/{project}/_apis/git/pullrequests/{id}` (git 7.1, reference §3.3). */
function pullRequestUrl(org: string, pullRequest: PullRequest): URL {
  const url = new URL(
    `${org}/${pathSegment(pullRequest.project.id)}/_apis/git/pullrequests/${pullRequest.id}`,
  );
  url.searchParams.set('api-version', API_VERSION.git);
  return url;
}
