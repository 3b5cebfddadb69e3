// `azdo-requeue serve` flags: its own (where to listen, how often to sweep, how long to wait) are taken here; the
// rest (organization, scope, selection rules, budgets, credentials, --json) are the CLI's and go to its parser
// unchanged, so the two cannot drift apart.

export interface ServeFlags {
  readonly port: number;
  readonly host: string;
  /** 0 = no sweep. */
  readonly sweepIntervalMs: number;
  readonly settleTimeoutMs: number;
  readonly graceMs: number;
  readonly maxWaitingBranches: number;
  /** Requests in flight at once (the CLI's --concurrency, with serve's own default: docs/serve.md). */
  readonly concurrency: number;
  readonly help: boolean;
  /** Everything else, for the CLI's parser. */
  readonly rest: readonly string[];
}

type Numeric =
  'port' | 'sweepIntervalMs' | 'settleTimeoutMs' | 'graceMs' | 'maxWaitingBranches' | 'concurrency';

/** Flag → field, scale to milliseconds (or 1), and the accepted range in the flag's own unit. */
const NUMERIC: Record<string, { field: Numeric; scale: number; min: number; max: number }> = {
  '--port': { field: 'port', scale: 1, min: 0, max: 65_535 },
  '--sweep-interval': { field: 'sweepIntervalMs', scale: 60_000, min: 0, max: 10_080 },
  '--settle-timeout': { field: 'settleTimeoutMs', scale: 1000, min: 0, max: 3600 },
  '--grace-period': { field: 'graceMs', scale: 1000, min: 0, max: 3600 },
  '--max-queued': { field: 'maxWaitingBranches', scale: 1, min: 1, max: 100_000 },
  '--concurrency': { field: 'concurrency', scale: 1, min: 1, max: 64 },
};

/**
 * A push is a burst: about two calls per pull request into the branch (read its checks, requeue the expired one),
 * in two phases that cannot overlap (the plan ranks every PR before the first requeue). 300 PRs at 20 ms a call
 * take 2 × 300 / 32 × 20 ms ≈ 0.4 s with 32 in flight, 1.5 s with the CLI's 8. Azure DevOps meters TSTUs over a
 * sliding five minutes, not requests in flight, so the same calls cost the same budget whether they take 0.4 s
 * or 2 s; a delay or a 429 slows the whole client through the rate-limit gate (docs/serve.md, "Concurrency").
 */
export const SERVE_DEFAULT_CONCURRENCY = 32;

export function parseServeArgs(argv: readonly string[], usageError: (message: string) => Error): ServeFlags {
  const flags = {
    port: 8080,
    host: '127.0.0.1',
    sweepIntervalMs: 60 * 60_000,
    settleTimeoutMs: 60_000,
    graceMs: 25_000,
    maxWaitingBranches: 200,
    concurrency: SERVE_DEFAULT_CONCURRENCY,
    help: false,
  };
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] ?? '';
    const [name = '', inline] = token.startsWith('--') ? token.split(/=(.*)/s, 2) : [token];
    if (name === '--help' || name === '-h') {
      flags.help = true;
      continue;
    }
    const numeric = NUMERIC[name];
    if (name !== '--host' && !numeric) {
      rest.push(token);
      continue;
    }
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || value === '') throw usageError(`${name} needs a value`);
    if (name === '--host') {
      flags.host = value;
      continue;
    }
    if (!numeric) continue;
    // Minutes and seconds may be fractions (a test sweeps every 0.01 minutes); a port or a count may not.
    const pattern = numeric.scale === 1 ? /^\d+$/ : /^\d+(\.\d+)?$/;
    const number = Number(value);
    if (!pattern.test(value) || number < numeric.min || number > numeric.max) {
      throw usageError(`${name} must be a number from ${numeric.min} to ${numeric.max}, got "${value}"`);
    }
    flags[numeric.field] = Math.round(number * numeric.scale);
  }
  return { ...flags, rest };
}

export const SERVE_HELP = `Usage: azdo-requeue serve --org URL (--project NAME... | --all-projects) [options]

Answers Azure DevOps "git.push" service hooks: a push to a branch requeues the expired build checks of the pull
requests into it, within seconds, with the CLI's rules. A sweep of the whole scope runs now and then as well.

  --port N                  port to listen on (default 8080; 0 = any free port)
  --host ADDR               address to listen on (default 127.0.0.1; 0.0.0.0 in a container)
  --sweep-interval MINUTES  requeue over the whole scope this often (default 60; 0 = never)
  --settle-timeout SECONDS  wait at most this long for the re-merge after a push (default 60)
  --grace-period SECONDS    on SIGTERM/SIGINT, let running work finish this long (default 25)
  --max-queued N            branches that may wait before deliveries get 503 (default 200)
  --concurrency N           requests in flight at once (default 32, for the burst of calls a push starts)
  --json                    print the start line as JSON

Every flag of the requeue command applies too (--repository, --target-branch, --include-drafts, --max-requeues,
--max-builds-in-flight, --dry-run, --auth, --managed-identity, ...). See \`azdo-requeue --help\`.

The hook's secret (the subscription's Basic-auth password) comes from AZDO_REQUEUE_HOOK_SECRET or the file named
by AZDO_REQUEUE_HOOK_SECRET_FILE. Endpoints: POST /hooks/azure-devops, GET /healthz, GET /readyz, GET /metrics.
`;
