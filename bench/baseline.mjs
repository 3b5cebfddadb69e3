#!/usr/bin/env node
// The baseline azdo-requeue is compared with: the recipe teams run today, done correctly but one call at a
// time. List the active PRs of the project ($top=1000 pages until a short page, never the silent default of
// 101; reference §3.3), read each PR's policy evaluations, and PATCH every expired build check (§3.4, §9).
// Plain fetch, Bearer job token, X-TFS-FedAuthRedirect: Suppress so an auth failure is a 401, not a page.
//
// Environment, as in a pipeline: SYSTEM_COLLECTIONURI, SYSTEM_TEAMPROJECTID, SYSTEM_ACCESSTOKEN.
// Prints one JSON line {"pullRequests","requeued"} and exits 0, or exits 1 on the first failed call.

const BUILD_POLICY_TYPE = '0609b952-1397-4640-95ec-e00a01b2c241';
const PAGE_SIZE = 1000;

const organization = required('SYSTEM_COLLECTIONURI').replace(/\/+$/, '');
const projectId = required('SYSTEM_TEAMPROJECTID');
const headers = {
  authorization: `Bearer ${required('SYSTEM_ACCESSTOKEN')}`,
  accept: 'application/json',
  'x-tfs-fedauthredirect': 'Suppress',
};

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function call(method, path, query) {
  const url = new URL(`${organization}/${encodeURIComponent(projectId)}/_apis/${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  const response = await fetch(url, { method, headers });
  // 203 is the sign-in page of a failed login, not data, so anything but 200 is a failure (reference §5).
  if (response.status !== 200) {
    throw new Error(`${method} ${url.pathname} failed with ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

async function listActivePullRequests() {
  const pullRequests = [];
  for (let skip = 0; ; skip += PAGE_SIZE) {
    const page = await call('GET', 'git/pullrequests', {
      'searchCriteria.status': 'active',
      $top: PAGE_SIZE,
      $skip: skip,
      'api-version': '7.1',
    });
    pullRequests.push(...page.value);
    if (page.value.length < PAGE_SIZE) return pullRequests;
  }
}

async function main() {
  const pullRequests = await listActivePullRequests();
  let requeued = 0;
  for (const pullRequest of pullRequests) {
    // The policy artifact uses the project GUID from the PR, not its name or the PR's own artifactId (§3.4).
    const artifactId = `vstfs:///CodeReview/CodeReviewId/${pullRequest.repository.project.id}/${pullRequest.pullRequestId}`;
    const evaluations = await call('GET', 'policy/evaluations', {
      artifactId,
      'api-version': '7.1-preview.1',
    });
    for (const evaluation of evaluations.value) {
      if (evaluation.configuration?.type?.id !== BUILD_POLICY_TYPE) continue;
      if (evaluation.context?.isExpired !== true) continue;
      await call('PATCH', `policy/evaluations/${encodeURIComponent(evaluation.evaluationId)}`, {
        'api-version': '7.1-preview.1',
      });
      requeued += 1;
    }
  }
  process.stdout.write(`${JSON.stringify({ pullRequests: pullRequests.length, requeued })}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
