// `azdo-requeue hooks install|list|remove`: process glue around the subscriptions adapter. The hook secret is
// masked the moment it is read; it goes out only in the body of the create request.
import { readFile } from 'node:fs/promises';

import {
  authorizationOf,
  connectHookSubscriptions,
  parseOrganizationUrl,
  type HookConnection,
  type PushHookSubscription,
  type PushHookTarget,
} from '../index.js';
import { HookSecretError, readHookSecret } from '../serve/index.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './command-line.js';
import { EXIT } from './exit-codes.js';
import { HOOKS_HELP, parseHooksArgs, type HooksOptions } from './parse-hooks-args.js';
import { resolveCliCredential } from './resolve-cli-credential.js';

/** The Basic-auth user name of our subscriptions: how `list` and `remove` tell ours from others'. */
export const HOOK_USER_NAME = 'azdo-requeue';
const RECENT_NOTIFICATIONS = 20;

export async function runHooksCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseHooksArgs(argv, io.env);
  if (options.action === 'help') {
    io.writeStdout(HOOKS_HELP);
    return EXIT.ok;
  }
  const secret = options.action === 'install' ? await readSecret(io) : '';
  const organization = parseOrganizationUrl(options.organization ?? '');
  const { credential } = await resolveCliCredential(options, organization, io);
  const connection = connectHookSubscriptions({
    organization,
    ...authorizationOf(credential),
    clock: io.clock,
    userAgent: `azdo-requeue/${io.version} (hooks)`,
    redact: (text) => io.secrets.redact(text),
    signal: io.stopSignal,
  });
  if (options.action === 'install') return install(connection, options, secret, io);
  if (options.action === 'remove') return remove(connection, options, io);
  return list(connection, options, io);
}

async function readSecret(io: CliIo): Promise<string> {
  try {
    const secret = await readHookSecret(io.env, (path) => readFile(path, 'utf8'));
    io.secrets.add(secret);
    return secret;
  } catch (error) {
    throw error instanceof HookSecretError ? new UsageError(error.message) : error;
  }
}

async function projectId(connection: HookConnection, project: string): Promise<string> {
  const scope = await connection.resolveScope({ projects: [project], allProjects: false, repositories: [] });
  return (scope.projects[0]?.id ?? '').toLowerCase();
}

async function install(
  connection: HookConnection,
  options: HooksOptions,
  secret: string,
  io: CliIo,
): Promise<number> {
  const scope = await connection.resolveScope({
    projects: [options.project ?? ''],
    allProjects: false,
    repositories: options.repositories,
  });
  const project = (scope.projects[0]?.id ?? '').toLowerCase();
  const repositories = options.repositories.length === 0 ? [''] : scope.repositories.map((r) => r.id);
  const branches = options.branches.length === 0 ? [''] : options.branches;
  const existing = await connection.subscriptions.list();
  const results: { subscription: PushHookSubscription; created: boolean }[] = [];
  for (const repositoryId of repositories) {
    for (const branch of branches) {
      const target: PushHookTarget = { url: options.url ?? '', projectId: project, repositoryId, branch };
      const found = existing.find((subscription) => sameTarget(subscription, target));
      const subscription = found ?? (await connection.subscriptions.create(target, HOOK_USER_NAME, secret));
      results.push({ subscription, created: found === undefined });
    }
  }
  if (options.output === 'json') {
    io.writeStdout(
      `${JSON.stringify({ installed: results.map((r) => ({ ...r.subscription, created: r.created })) })}\n`,
    );
  } else {
    for (const { subscription, created } of results)
      io.writeStdout(`${created ? 'created' : 'kept   '} ${describe(subscription)}\n`);
  }
  return EXIT.ok;
}

async function list(connection: HookConnection, options: HooksOptions, io: CliIo): Promise<number> {
  const ours = await findOurs(connection, options);
  const rows = await Promise.all(
    ours.map(async (subscription) => ({
      ...subscription,
      recentFailures: await connection.subscriptions.recentFailures(subscription.id, RECENT_NOTIFICATIONS),
    })),
  );
  if (options.output === 'json') {
    io.writeStdout(`${JSON.stringify({ subscriptions: rows })}\n`);
  } else if (rows.length === 0) {
    io.writeStdout('no azdo-requeue subscriptions\n');
  } else {
    for (const row of rows) {
      io.writeStdout(
        `${row.status.padEnd(12)} ${describe(row)} (${row.recentFailures} of the last ${RECENT_NOTIFICATIONS} deliveries failed)\n`,
      );
    }
  }
  return EXIT.ok;
}

async function remove(connection: HookConnection, options: HooksOptions, io: CliIo): Promise<number> {
  const ours = await findOurs(connection, options);
  for (const subscription of ours) await connection.subscriptions.remove(subscription.id);
  if (options.output === 'json') io.writeStdout(`${JSON.stringify({ removed: ours.map((s) => s.id) })}\n`);
  else io.writeStdout(`removed ${ours.length} subscription${ours.length === 1 ? '' : 's'}\n`);
  return EXIT.ok;
}

/** Ours: our user name or the given URL; narrowed to the URL and project when given. */
async function findOurs(
  connection: HookConnection,
  options: HooksOptions,
): Promise<readonly PushHookSubscription[]> {
  const project = options.project === undefined ? undefined : await projectId(connection, options.project);
  return (await connection.subscriptions.list()).filter(
    (subscription) =>
      (subscription.userName === HOOK_USER_NAME || subscription.url === options.url) &&
      (options.url === undefined || subscription.url === options.url) &&
      (project === undefined || subscription.projectId === project),
  );
}

function sameTarget(subscription: PushHookSubscription, target: PushHookTarget): boolean {
  return (
    subscription.url === target.url &&
    subscription.projectId === target.projectId &&
    subscription.repositoryId === target.repositoryId.toLowerCase() &&
    subscription.branch.replace(/^refs\/heads\//, '') === target.branch
  );
}

function describe(subscription: PushHookSubscription): string {
  const repository = subscription.repositoryId || 'every repository';
  const branch = subscription.branch || 'every branch';
  return `${subscription.id} ${subscription.url} project ${subscription.projectId}, ${repository}, ${branch}`;
}
