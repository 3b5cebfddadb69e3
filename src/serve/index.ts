// The serve entry point as the CLI reaches it: `azdo-requeue serve` (and, later, `hooks`) dispatch here lazily.
export { runServeCommand, type RequeueFlags, type ServeCommandDeps, type ServeIo } from './serve-command.js';
