// The TaskHost over azure-pipelines-task-lib: the only module of the task that calls task-lib, so every logging
// command is built by task-lib (checklist B4) and every log line passes our redactor as well as the agent's masker.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import internal from 'azure-pipelines-task-lib/internal.js';
import tl from 'azure-pipelines-task-lib/task.js';

import { createSecretRegistry, systemClock } from '../index.js';
import type { TaskHost } from './run-task.js';

export interface ProcessParts {
  readonly version: string;
  readonly stopSignal: AbortSignal;
  readonly writeStdout: (text: string) => void;
}

export function createTaskLibHost(parts: ProcessParts): TaskHost {
  // Our own sink-side redaction (checklist B5) over the same forms the agent is told about (B1, B2).
  const secrets = createSecretRegistry();
  const sentToAgent = new Set<string>();
  const redact = (text: string): string => secrets.redact(text);
  return {
    env: { ...process.env },
    getInput: (name) => tl.getInput(name, false),
    // getInput debug-logs `name=value`; a secret input is read from the same vault without that echo.
    secretInput: (name) => internal._vault.retrieveSecret(`INPUT_${internal._getVariableKey(name)}`),
    endpointAuthorization: (id) => readEndpointAuthorization(id),
    registerSecret: (secret) => {
      secrets.add(secret);
      for (const form of secrets.forms()) {
        if (sentToAgent.has(form)) continue;
        sentToAgent.add(form);
        tl.setSecret(form);
      }
    },
    publisher: {
      logIssue: (issue) =>
        tl.logIssue(
          issue.type === 'error' ? tl.IssueType.Error : tl.IssueType.Warning,
          redact(issue.message),
        ),
      setProgress: (percent, label) => tl.setProgress(percent, label),
      uploadSummary: (path) => tl.uploadSummary(path),
      writeFile: async (path, content) => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, redact(content), { encoding: 'utf8', mode: 0o600 });
      },
    },
    log: (text) => parts.writeStdout(`${redact(text).replace(/\n$/, '')}\n`),
    debug: (text) => tl.debug(redact(text)),
    redact,
    complete: (outcome) => {
      if (outcome.result === 'Canceled') {
        // task-lib has no way to say it: setResult(TaskResult.Cancelled) writes "Cancelled", an invalid result for
        // the agent (microsoft/azure-pipelines-tasks#9020). Same command, the agent's spelling.
        tl.command('task.complete', { result: 'Canceled' }, redact(outcome.message));
        return;
      }
      tl.setResult(
        outcome.result === 'Succeeded' ? tl.TaskResult.Succeeded : tl.TaskResult.Failed,
        redact(outcome.message),
      );
    },
    clock: systemClock,
    version: parts.version,
    stopSignal: parts.stopSignal,
  };
}

/**
 * task-lib's `getEndpointAuthorization` debug-logs only whether the endpoint exists. It is called with
 * `optional: true` so that a missing endpoint gives our one clear failure, not task-lib's second result. Its
 * parse error would quote the raw (secret) JSON, so that message is replaced.
 */
function readEndpointAuthorization(id: string): tl.EndpointAuthorization | undefined {
  try {
    return tl.getEndpointAuthorization(id, true);
  } catch {
    throw new Error(`the ${id} endpoint authorization is not valid JSON`);
  }
}
