// Progress of a long run outside Azure Pipelines (a terminal, another CI's log): a line once the run has taken a
// while, then at most one every so often, so a run over thousands of pull requests at real-service latency
// (minutes) does not look hung, and a run of a few seconds prints nothing at all. In a pipeline the agent's
// progress bar (task.setprogress, azure-pipelines/pipeline-output.ts) takes this role.

/** The shape of `RequeueOptions.onProgress`, restated so reporting/ depends on the model only. */
export type ProgressListener = (progress: {
  readonly phase: 'reading' | 'requeuing';
  readonly done: number;
  readonly total: number;
}) => void;

export interface ProgressLineOptions {
  /** No line before the run is this old. @default 5_000 */
  readonly firstAfterMs?: number;
  /** Then at most one reading line per this interval. @default 10_000 */
  readonly everyMs?: number;
  /** A dry run requeues nothing, so it says nothing when requeuing would start. @default false */
  readonly dryRun?: boolean;
}

export function progressLines(
  writeLine: (line: string) => void,
  now: () => number,
  options: ProgressLineOptions = {},
): ProgressListener {
  const firstAfterMs = options.firstAfterMs ?? 5_000;
  const everyMs = options.everyMs ?? 10_000;
  const startedAt = now();
  let nextAt = startedAt + firstAfterMs;
  return ({ phase, done, total }) => {
    const at = now();
    if (phase === 'requeuing') {
      // Said once, when requeuing starts, if the run has already been long enough to be reporting progress.
      if (options.dryRun !== true && done === 0 && total > 0 && at - startedAt >= firstAfterMs) {
        writeLine(`requeuing ${total} expired build checks`);
      }
      return;
    }
    if (at < nextAt || total === 0) return;
    nextAt = at + everyMs;
    writeLine(`read the checks of ${done} of ${total} pull requests listed so far`);
  };
}
