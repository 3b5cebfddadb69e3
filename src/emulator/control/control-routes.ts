// The HTTP control API under /_emulator/ (no auth, loopback callers only) over the typed control surface.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkFaultSettings } from '../faults/check-fault-settings.js';
import type { ParsedUrl } from '../protocol/parse-url.js';
import type { ServerVersion } from '../protocol/server-versions.js';
import type { CompleteBuildsRequest, EmulatorControl } from './control-api.js';
import { checkControlRequest } from './control-guard.js';

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-cache',
  });
  response.end(text);
}

function record(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  const value: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

function dispatch(
  control: EmulatorControl,
  method: string,
  action: string,
  url: ParsedUrl,
  body: Buffer,
): unknown {
  const route = `${method} ${action}`;
  switch (route) {
    case 'GET state':
      return control.state();
    case 'GET requests':
      return control.requestLog(Number(url.query.get('since') ?? '0') || 0);
    case 'GET requeues':
      return control.requeues();
    case 'GET retry-after-windows':
      return control.retryAfterWindows();
    case 'GET faults':
      return control.faults();
    case 'PUT faults':
      control.setFaults(checkFaultSettings(record(body)));
      return control.faults();
    case 'GET builds':
      return control.builds();
    case 'POST builds/complete': {
      const input = record(body);
      const request: CompleteBuildsRequest = { all: input['all'] === true };
      if (typeof input['buildId'] === 'number') request.buildId = input['buildId'];
      const result = optionalString(input['result'], 'result');
      if (result === 'succeeded' || result === 'failed' || result === 'canceled') request.result = result;
      else if (result !== undefined) throw new Error('result must be succeeded, failed or canceled');
      return control.completeBuilds(request);
    }
    case 'POST push': {
      const input = record(body);
      const branch = optionalString(input['branch'], 'branch');
      if (branch === undefined) throw new Error('branch is required');
      const project = optionalString(input['project'], 'project');
      const repository = optionalString(input['repository'], 'repository');
      return control.push({
        branch,
        ...(project === undefined ? {} : { project }),
        ...(repository === undefined ? {} : { repository }),
      });
    }
    case 'GET hooks/notifications':
      return control.hookNotifications();
    case 'PUT hooks/settings': {
      const input = record(body);
      const settings: { remergeDelayMs?: number; retryDelayScale?: number } = {};
      for (const name of ['remergeDelayMs', 'retryDelayScale'] as const) {
        const value = input[name];
        if (value === undefined) continue;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          throw new Error(`${name} must be a non-negative number`);
        settings[name] = value;
      }
      return control.setHookSettings(settings);
    }
    case 'POST reset':
      control.reset();
      return { reset: true };
    case 'GET clock':
      return { now: control.now() };
    case 'POST clock/advance':
      return control.advanceClock(Number(record(body)['minutes']));
    case 'POST pullrequests/close': {
      const input = record(body);
      const status = optionalString(input['status'], 'status');
      if (status !== 'completed' && status !== 'abandoned')
        throw new Error('status must be completed or abandoned');
      return control.closePullRequest({ id: Number(input['id']), status });
    }
    case 'PUT latency': {
      const ms = Number(record(body)['ms']);
      control.setLatency(ms);
      return { ms };
    }
    case 'GET server-version':
      return control.serverVersion();
    case 'PUT server-version':
      return control.setServerVersion(String(record(body)['serverVersion']) as ServerVersion);
    default:
      return undefined;
  }
}

/**
 * Answers `/_emulator/{action}`: 403 for non-loopback callers or web origins, 421 for a non-loopback Host, 415
 * for a POST or PUT that is not JSON, 404 for unknown actions, 400 for bad input.
 */
export function handleControlRequest(
  control: EmulatorControl,
  request: IncomingMessage,
  response: ServerResponse,
  url: ParsedUrl,
  body: Buffer,
): void {
  const method = (request.method ?? 'GET').toUpperCase();
  const refusal = checkControlRequest(request, method);
  if (refusal !== null) {
    send(response, refusal.status, { message: refusal.message });
    return;
  }
  const action = url.lowerSegments.slice(1).join('/');
  try {
    const result = dispatch(control, method, action, url, body);
    if (result === undefined) {
      send(response, 404, {
        message: `Unknown control action: ${request.method ?? ''} /_emulator/${action}`,
      });
    } else {
      send(response, 200, result);
    }
  } catch (error) {
    send(response, 400, { message: error instanceof Error ? error.message : String(error) });
  }
}
