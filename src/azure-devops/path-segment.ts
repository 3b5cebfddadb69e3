// One name (a project, a repository, an id) as one URL path segment. Percent-encoding is not enough for the names
// "." and "..": the WHATWG URL parser treats them, and their %2E spellings, as path steps, so `--project ..` would
// turn `{org}/../_apis/...` into `/_apis/...` on the same origin, with the credential attached. They are refused,
// whether they come from a flag or from an answer (issue 16 item 6).
import { ApiFailure } from '../requeue/checks-api.js';

/** Matches what the URL parser reads as `.` or `..`: any mix of `.` and `%2e` (either case), one or two of them. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/** `encodeURIComponent(name)`, refusing a name the URL parser would read as a path step. */
export function pathSegment(name: string): string {
  const encoded = encodeURIComponent(name);
  if (DOT_SEGMENT.test(encoded)) {
    throw new ApiFailure(
      'config',
      `"${name}" cannot be used as a project, repository or id in a URL: "." and ".." are path steps, not names`,
      'dot-segment',
    );
  }
  return encoded;
}

/** Whether `name` is `.` or `..`, which no Azure DevOps project or repository can be called. */
export function isDotSegment(name: string): boolean {
  return DOT_SEGMENT.test(encodeURIComponent(name));
}
