// Branch policies are scoped to a branch or to a prefix (`release/*`), so --target-branch takes both forms. The
// pull request list filters only by an exact ref (reference §3.3): a prefix lists the project (or repository) and
// the run keeps the pull requests whose target branch starts with it, instead of sending `*` as a literal ref and
// silently matching nothing (issue 15.F).

/** A full ref ending in `*`: every branch whose ref starts with what comes before it. */
export function isBranchPrefixPattern(ref: string): boolean {
  return ref.endsWith('*');
}

/** What a prefix pattern's ref must start with: `refs/heads/release/*` → `refs/heads/release/`. */
export function branchPrefixOf(pattern: string): string {
  return pattern.slice(0, -1);
}

/** Why a target branch cannot be used as given, or undefined. Only one trailing `*` is a pattern. */
export function branchPatternProblem(ref: string): string | undefined {
  if (/[?[\]]/.test(ref))
    return `"${ref}": only a trailing "*" is supported (a prefix, as branch policies use)`;
  const star = ref.indexOf('*');
  if (star !== -1 && star !== ref.length - 1) {
    return `"${ref}": "*" may only end a branch pattern (a prefix such as release/*)`;
  }
  return undefined;
}
