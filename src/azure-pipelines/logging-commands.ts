// Azure Pipelines logging commands, built by azure-pipelines-task-lib's TaskCommand (which escapes `%`, CR, LF,
// `;` and `]`), never by hand (security checklist B4).
import taskCommand from 'azure-pipelines-task-lib/taskcommand.js';

import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';

const { TaskCommand } = taskCommand;

function command(name: string, properties: Record<string, string>, message: string): string {
  return new TaskCommand(name, properties, message).toString();
}

/** Registers a value with the agent's masker; later output lines have it replaced by ***. */
export function setSecretCommand(value: string): string {
  return command('task.setsecret', {}, value);
}

export function logIssueCommand(type: 'warning' | 'error', message: string): string {
  // Messages quote server text (PR titles, error bodies): neutralise any logging command inside them (B9).
  return command('task.logissue', { type }, sanitizeUntrustedText(message));
}

export function setProgressCommand(percent: number, label: string): string {
  return command(
    'task.setprogress',
    { value: String(Math.max(0, Math.min(100, Math.round(percent)))) },
    label,
  );
}

export function uploadSummaryCommand(path: string): string {
  return command('task.uploadsummary', {}, path);
}
