// GET /readyz: the credential works and the organization answers, shown by resolving the configured scope (which
// needs both). A success is trusted for 30 s and a failure for 5 s, so a probe every few seconds costs few calls.
import type { ChecksApi, ScopeRequest } from '../index.js';

export interface Readiness {
  readonly ready: boolean;
  readonly detail: string;
}

export function createReadinessCheck(
  api: ChecksApi,
  scope: ScopeRequest,
  now: () => number,
): () => Promise<Readiness> {
  let last: { readiness: Readiness; atMs: number } | undefined;
  let inFlight: Promise<Readiness> | undefined;
  return async () => {
    if (last && now() - last.atMs < (last.readiness.ready ? 30_000 : 5_000)) return last.readiness;
    inFlight ??= api
      .resolveScope(scope, AbortSignal.timeout(10_000))
      .then(
        (resolved): Readiness => ({
          ready: true,
          detail: `${resolved.projects.length} project(s) in scope`,
        }),
        (error: unknown): Readiness => ({
          ready: false,
          detail: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((readiness) => {
        last = { readiness, atMs: now() };
        inFlight = undefined;
        return readiness;
      });
    return inFlight;
  };
}
