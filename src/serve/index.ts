// The serve entry point as the CLI reaches it: `azdo-requeue serve` and `hooks` (the hook secret) reach here lazily.
export { runServeCommand, type RequeueFlags, type ServeCommandDeps, type ServeIo } from './serve-command.js';
export { HookSecretError, readHookSecret } from './hook-secret.js';
