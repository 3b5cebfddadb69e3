// The task's result: Succeeded when no requeue failed (skips for drafts, conflicts, manual policies are normal),
// Failed with the reason and the fix when a requeue, a read, a pull request listing or the authentication failed
// (issue #6, deliverable 1; issue 15.C).
// Fixes grant the build identity what it lacks; they never advise turning a protection off (checklist D4).
import {
  ApiFailure,
  CredentialError,
  describeListingFailure,
  type ListingFailure,
  OrganizationUrlError,
  type RequeueResult,
  sanitizeUntrustedText,
} from '../index.js';
import { TaskInputError } from './read-task-inputs.js';

export interface TaskOutcome {
  /**
   * `Canceled` (the agent's spelling; task-lib's `TaskResult.Cancelled` writes "Cancelled", which the agent refuses
   * as an invalid command): the job was cancelled before every pull request and check was handled.
   */
  readonly result: 'Succeeded' | 'Failed' | 'Canceled';
  readonly message: string;
}

const TROUBLESHOOTING = 'See docs/pipelines.md, "Troubleshooting".';

/** The failed listings a message names; the issues above and the summary tab name them all. */
const MAX_NAMED_LISTINGS = 3;

/** `redact` masks the message before it is neutralised: the run's secrets may be in a listing's server text. */
export function decideTaskOutcome(
  result: RequeueResult,
  redact: (text: string) => string = (text) => text,
): TaskOutcome {
  const s = result.summary;
  const listings = (result.listingFailures ?? []).filter((failure) => failure.errorCode !== 'not-reached');
  if (result.authFailure) {
    const checkCode = firstFailureCode(result);
    const refusedListing = listings.find((failure) => failure.authFailure);
    const code = checkCode ?? refusedListing?.errorCode;
    const what =
      checkCode === undefined && refusedListing !== undefined
        ? 'a pull request listing was refused'
        : 'a requeue was refused';
    const hint = hintFor(code ?? '');
    return failed(
      withListings(`${what} (${code ?? 'authorization'})${hint ? `: ${hint}` : ''}`, listings),
      redact,
    );
  }
  if (s.failed > 0) {
    const what = listings.length > 0 ? 'requeue(s), read(s) or listing(s)' : 'requeue(s) or read(s)';
    return failed(
      withListings(
        `${s.failed} ${what} failed; the errors above and the summary tab say which and why`,
        listings,
      ),
      redact,
    );
  }
  const acted = result.dryRun ? `would requeue ${s.wouldRequeue}` : `requeued ${s.requeued}`;
  if (result.interrupted) {
    // Not a success: some work may never have been done, and the next run (a push or the schedule) picks it up.
    // Whether the listing itself was cut short is not in the result, so the message does not claim a total.
    const left = countInterrupted(result);
    return {
      result: 'Canceled',
      message: `stopped before finishing: ${acted} of the ${s.checks} build checks read; ${left.pullRequests} pull requests listed but not read, ${left.checks} checks not requeued, and any not yet listed are left for the next run`,
    };
  }
  return {
    result: 'Succeeded',
    message: `${acted} of ${s.checks} build checks in ${s.pullRequests} pull requests; ${s.skipped} skipped`,
  };
}

/** One clear sentence for an error that ended the run, with the fix when one is known. */
export function describeTaskFailure(error: unknown): TaskOutcome {
  if (error instanceof TaskInputError || error instanceof OrganizationUrlError) {
    return failed(`invalid input: ${error.message}`);
  }
  if (error instanceof CredentialError) return failed(`authentication failed: ${error.message}`);
  if (error instanceof ApiFailure) {
    const hint = hintFor(error.code);
    const what = error.kind === 'auth' ? 'authentication failed' : 'Azure DevOps refused the request';
    return failed(`${what}: ${error.message}${hint ? `. ${hint}` : ''}`);
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return failed(`internal error: ${message}`);
}

/** The fix for a failure code, for the build service identity the job token stands for (reference §8). */
export function hintFor(code: string): string {
  if (code === 'TF401027') {
    return (
      'grant the build service identity ("{Project} Build Service ({org})" or "Project Collection Build Service ' +
      '({org})") "Contribute to pull requests" on the repository (Project settings > Repositories > Security). ' +
      TROUBLESHOOTING
    );
  }
  if (code === 'HTTP 401' || code === 'HTTP 203') {
    return (
      'the job token was not accepted: it may have expired (a long job), or the organization input names another ' +
      `organization than the one running the pipeline. ${TROUBLESHOOTING}`
    );
  }
  if (code === 'TF401019' || code === 'HTTP 404') {
    return (
      'the repository is not visible to the job token. With "Limit job authorization scope to referenced Azure ' +
      'DevOps repositories" on, reference it in the pipeline (resources.repositories and a checkout, or uses:) ' +
      `instead of turning the setting off. ${TROUBLESHOOTING}`
    );
  }
  if (code === 'TF215106') {
    // "Access denied. … needs Queue builds permissions for build pipeline …": the requeue queues a build.
    return (
      'grant the build service identity "Queue builds" on the pipeline that the build policy runs ' +
      `(Pipelines > the pipeline > Manage security). ${TROUBLESHOOTING}`
    );
  }
  if (code === 'HTTP 403' || code.startsWith('TF')) {
    return `the build service identity lacks a permission; grant it rather than widening the job's scope. ${TROUBLESHOOTING}`;
  }
  return '';
}

function firstFailureCode(result: RequeueResult): string | undefined {
  for (const verdict of result.pullRequests) {
    for (const check of verdict.checks) {
      if (check.action === 'failed' && check.errorCode !== undefined) return check.errorCode;
    }
  }
  return undefined;
}

/** Pull requests whose checks the stop left unread, and selected checks it left unrequeued. */
function countInterrupted(result: RequeueResult): { pullRequests: number; checks: number } {
  let pullRequests = 0;
  let checks = 0;
  for (const verdict of result.pullRequests) {
    if (verdict.skipReason === 'interrupted') pullRequests += 1;
    for (const check of verdict.checks) if (check.skipReason === 'interrupted') checks += 1;
  }
  return { pullRequests, checks };
}

/** Names the first listings that failed, after the message: which project or repository, and why. */
function withListings(message: string, listings: readonly ListingFailure[]): string {
  if (listings.length === 0) return message;
  const named = listings.slice(0, MAX_NAMED_LISTINGS).map(describeListingFailure);
  const more = listings.length - named.length;
  const rest = more > 0 ? `; and ${more} more (the summary tab names them all)` : '';
  return `${message.replace(/\.?$/, '.')} Pull request listings that failed: ${named.join('; ')}${rest}.`;
}

function failed(message: string, redact: (text: string) => string = (text) => text): TaskOutcome {
  return { result: 'Failed', message: sanitizeUntrustedText(redact(message)) };
}
