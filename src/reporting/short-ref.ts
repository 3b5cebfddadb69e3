// How every report names a branch: `refs/heads/main` → `main`; other refs stay whole. A file of its own so the
// text report and the pieces it is built from can all use it without importing each other.

/** `refs/heads/develop` → `develop`; `refs/pull/1/merge` is kept as it is. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '');
}
