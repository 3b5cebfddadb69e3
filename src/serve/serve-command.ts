// `azdo-requeue serve`: process glue around start-serve.ts. The hook secret and the credential are masked the
// moment they are known; the start line names the real URLs; SIGTERM/SIGINT drain within the grace period, exit 0.
import { readFile } from 'node:fs/promises';

import {
  ApiFailure,
  authorizationOf,
  connectAzureDevOps,
  parseOrganizationUrl,
  type Clock,
  type OrganizationUrl,
  type ResolvedCredential,
  type SelectionRules,
} from '../index.js';
import { HookSecretError, readHookSecret } from './hook-secret.js';
import { createJsonLog } from './log-run.js';
import { parseServeArgs, SERVE_HELP } from './parse-serve-args.js';
import { startServe } from './start-serve.js';

/** What serve needs from its process (the CLI's io fits: main.ts already masks and removes the token variables). */
export interface ServeIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly writeStdout: (text: string) => void;
  readonly writeStderr: (text: string) => void;
  readonly secrets: { readonly add: (secret: string) => void; readonly redact: (text: string) => string };
  /** First SIGTERM/SIGINT: drain. */
  readonly stopSignal: AbortSignal;
  /** Second: abandon requests on the wire too. */
  readonly abortSignal: AbortSignal;
  readonly clock: Clock;
  readonly version: string;
}

/** The CLI's parsed flags that serve uses (its scope, selection rules, budgets and credential choice). */
export interface RequeueFlags extends SelectionRules {
  readonly command: string;
  readonly organization?: string;
  readonly projects: readonly string[];
  readonly allProjects: boolean;
  readonly repositories: readonly string[];
  readonly targetBranches: readonly string[];
  readonly maxRequeues?: number;
  readonly maxBuildsInFlight?: number;
  readonly dryRun: boolean;
  readonly output: 'text' | 'json';
}

export interface ServeCommandDeps<F extends RequeueFlags> {
  readonly parseRequeueArgs: (argv: readonly string[]) => F;
  readonly usageError: (message: string) => Error;
  /** The CLI's credential step (masks every secret as it is found). */
  readonly resolveCredential: (flags: F, organization: OrganizationUrl) => Promise<ResolvedCredential>;
}

export async function runServeCommand<F extends RequeueFlags>(
  argv: readonly string[],
  io: ServeIo,
  deps: ServeCommandDeps<F>,
): Promise<number> {
  const flags = parseServeArgs(argv, deps.usageError);
  const options = flags.help ? undefined : deps.parseRequeueArgs(flags.rest);
  if (!options || options.command === 'help') {
    io.writeStdout(SERVE_HELP);
    return 0;
  }
  let secret: string;
  try {
    secret = await readHookSecret(io.env, (path) => readFile(path, 'utf8'));
  } catch (error) {
    throw error instanceof HookSecretError ? deps.usageError(error.message) : error;
  }
  io.secrets.add(secret);
  if (!options.organization) throw deps.usageError('no organization: pass --org URL');
  const organization = parseOrganizationUrl(options.organization);
  const log = createJsonLog(io.writeStderr, io.secrets.redact, () => io.clock.now());
  const { credential, warnings } = await deps.resolveCredential(options, organization);
  for (const message of warnings) log({ event: 'warning', level: 'warn', message });
  if (credential.kind === 'job-token') {
    log({
      event: 'warning',
      level: 'warn',
      message:
        'a job token expires with its job: a long-running service should use Microsoft Entra ID (a managed or workload identity)',
    });
  }
  const connection = connectAzureDevOps({
    organization,
    ...authorizationOf(credential),
    clock: io.clock,
    userAgent: `azdo-requeue/${io.version} serve`,
    concurrency: flags.concurrency,
    redact: io.secrets.redact,
    signal: io.abortSignal,
  });
  const scope = {
    projects: options.projects,
    allProjects: options.allProjects,
    repositories: options.repositories,
  };
  await checkScope(() => connection.api.resolveScope(scope), log);

  const running = await startServe(
    {
      host: flags.host,
      port: flags.port,
      secret,
      scope,
      targetBranches: options.targetBranches,
      settings: {
        organization: organization.url,
        rules: options,
        ...(options.maxRequeues === undefined ? {} : { maxRequeues: options.maxRequeues }),
        ...(options.maxBuildsInFlight === undefined ? {} : { maxBuildsInFlight: options.maxBuildsInFlight }),
        dryRun: options.dryRun,
        concurrency: flags.concurrency,
      },
      settleTimeoutMs: flags.settleTimeoutMs,
      sweepIntervalMs: flags.sweepIntervalMs,
      maxWaitingBranches: flags.maxWaitingBranches,
    },
    { api: connection.api, clock: io.clock, log },
  );
  io.writeStdout(
    options.output === 'json'
      ? `${JSON.stringify({ event: 'listening', url: running.url, hookUrl: running.hookUrl, version: io.version })}\n`
      : `azdo-requeue serve: listening on ${running.url} (hook URL ${running.hookUrl})\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.stopSignal.aborted) resolve();
    io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
  });
  const seconds = flags.graceMs / 1000;
  log({
    event: 'stopping',
    signal: signalName(io.stopSignal),
    graceMs: flags.graceMs,
    message: `taking no more deliveries, dropping queued pushes (each logged); running ones have ${seconds} s to finish`,
  });
  const onAbort = () =>
    log({
      event: 'abandoning',
      level: 'warn',
      signal: signalName(io.abortSignal),
      message: 'stopping the requests in flight; every run still logs what it did',
    });
  if (io.abortSignal.aborted) onAbort();
  else io.abortSignal.addEventListener('abort', onAbort, { once: true });
  const { abandoned, finishedInTime } = await running.stop(flags.graceMs);
  log({ event: 'stopped', abandonedPushes: abandoned, finishedInTime, exitCode: 0 });
  return 0;
}

/** `SIGTERM` or `SIGINT`: the bin aborts with the signal's name (cli/main.ts). */
function signalName(signal: AbortSignal): string | undefined {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : undefined;
}

/** Configuration and credential problems stop the start; anything else may pass (GET /readyz will tell). */
async function checkScope(
  resolve: () => Promise<unknown>,
  log: ReturnType<typeof createJsonLog>,
): Promise<void> {
  try {
    await resolve();
  } catch (error) {
    if (error instanceof ApiFailure && (error.kind === 'auth' || error.kind === 'config')) throw error;
    log({
      event: 'warning',
      level: 'warn',
      message: `not ready yet: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
