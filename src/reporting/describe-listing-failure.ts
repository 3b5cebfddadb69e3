// One sentence per listing of pull requests the run could not finish, shared by the text and Markdown reports.
import type { ListingFailure } from '../requeue/model.js';
import { shortRef } from './short-ref.js';

/** `project "A", repository "web", into main: <reason> [HTTP 500]`, in the server's words (still untrusted). */
export function describeListingFailure(failure: ListingFailure): string {
  const where = [`project "${failure.project}"`];
  if (failure.repository !== undefined) where.push(`repository "${failure.repository}"`);
  if (failure.targetBranch !== undefined) where.push(`into ${shortRef(failure.targetBranch)}`);
  return `${where.join(', ')}: ${failure.reason} [${failure.errorCode}]`;
}

export const LISTING_FAILURES_HEADING =
  'Pull request listings not finished (the pull requests they did not list are not in this report):';
