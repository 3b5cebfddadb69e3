// Parses `azdo-requeue hooks install|list|remove`: the action, the hook URL (https, or http to a loopback address
// such as the emulator), the project, and the repository and branch filters. Pure: env is passed in.
import { type AuthMode } from '../index.js';
import {
  COMMON_OPTIONS,
  parseCommandLine,
  readAuthMode,
  readOrganization,
  readOutput,
  UsageError,
} from './command-line.js';

export const HOOK_ACTIONS = ['install', 'list', 'remove'] as const;
export type HookAction = (typeof HOOK_ACTIONS)[number];

export interface HooksOptions {
  readonly action: HookAction | 'help';
  readonly organization?: string;
  readonly url?: string;
  readonly project?: string;
  readonly repositories: readonly string[];
  readonly branches: readonly string[];
  readonly output: 'text' | 'json';
  readonly auth: AuthMode;
  readonly patStdin: boolean;
  readonly managedIdentity: boolean;
  readonly debug: boolean;
}

const OPTIONS = {
  ...COMMON_OPTIONS,
  url: { type: 'string' },
  project: { type: 'string' },
  branch: { type: 'string', multiple: true },
} as const;

export function parseHooksArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): HooksOptions {
  const [action, ...rest] = argv;
  const values = parseCommandLine(rest, OPTIONS);
  const common = {
    repositories: values.repository ?? [],
    branches: (values.branch ?? []).map((branch) => branch.replace(/^refs\/heads\//, '')),
    output: readOutput(values),
    auth: readAuthMode(values.auth),
    patStdin: values['pat-stdin'] === true,
    managedIdentity: values['managed-identity'] === true,
    debug: values.debug === true,
  };
  if (values.help || action === undefined || action === 'help' || action === '--help' || action === '-h')
    return { ...common, action: 'help' };
  if (!(HOOK_ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`hooks: unknown action "${action}" (use ${HOOK_ACTIONS.join(', ')})`);
  const organization = readOrganization(values, env);
  if (organization === undefined) throw new UsageError('no organization: pass --org URL');
  if (action !== 'list' && values.project === undefined)
    throw new UsageError(`hooks ${action}: --project is required`);
  if (action !== 'list' && values.url === undefined)
    throw new UsageError(`hooks ${action}: --url is required`);
  if (values.url !== undefined) checkHookUrl(values.url);
  if (action !== 'install' && (common.repositories.length > 0 || common.branches.length > 0))
    throw new UsageError(`hooks ${action}: --repository and --branch are for install`);
  return {
    ...common,
    action: action as HookAction,
    organization,
    ...(values.url === undefined ? {} : { url: values.url }),
    ...(values.project === undefined ? {} : { project: values.project }),
  };
}

/** Azure DevOps sends a Basic-auth password over https only; plain http is for a loopback receiver in tests. */
function checkHookUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url is not a URL: "${text}"`);
  }
  if (url.username || url.password) throw new UsageError('--url must not carry a user name or password');
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return;
  throw new UsageError(`--url must be https (http only for a loopback address), got "${url.protocol}"`);
}

export const HOOKS_HELP = `Usage: azdo-requeue hooks <install|list|remove> --org URL [options]

Manages the Azure DevOps service hook subscriptions that deliver git.push events to \`azdo-requeue serve\`.
The hook secret (the subscription's Basic-auth password) comes from AZDO_REQUEUE_HOOK_SECRET or the file named
by AZDO_REQUEUE_HOOK_SECRET_FILE, as for serve; never from the command line. Creating and deleting need the
"Edit subscriptions" permission (project administrators), not the job token: use a PAT or Entra ID.

  install --url URL --project P [--repository R]... [--branch B]...
        one subscription per (repository, branch); one already there for the same URL is kept
  list [--url URL]            our subscriptions (user name azdo-requeue), status and recent failures
  remove --url URL --project P
        deletes ours for that URL in the project

Options: --json, --auth, --pat-stdin, --managed-identity, --debug (as for the requeue command).
Exit codes: 0 done, 2 bad flags or configuration, 3 authentication or a missing permission.
`;
