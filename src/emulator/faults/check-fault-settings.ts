// Validates fault settings that arrive as JSON (control API, scenario files) before they reach the pipeline.
import type { FaultSettings, RequestFaultKind } from './fault-types.js';

const KINDS: readonly RequestFaultKind[] = [
  'status',
  'reset',
  'applyThenDrop',
  'huge',
  'truncated',
  'nonJson',
  'html',
  'nullContext',
  'redirect',
  'foreignLinks',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireNumber(record: Record<string, unknown>, key: string, where: string, optional = false): void {
  const value = record[key];
  if (value === undefined && optional) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${where}.${key} must be a non-negative number`);
  }
}

/** Throws an Error naming the first bad field; returns the same value typed. */
export function checkFaultSettings(value: unknown, where = 'faults'): FaultSettings {
  if (!isRecord(value)) {
    throw new Error(`${where} must be an object`);
  }
  if (value['throttle'] !== undefined) {
    const throttle = value['throttle'];
    if (!isRecord(throttle)) throw new Error(`${where}.throttle must be an object`);
    requireNumber(throttle, 'afterRequests', `${where}.throttle`);
    requireNumber(throttle, 'retryAfterSeconds', `${where}.throttle`);
    requireNumber(throttle, 'episodes', `${where}.throttle`, true);
  }
  if (value['rateLimitHeaders'] !== undefined) {
    const mode = value['rateLimitHeaders'];
    if (!isRecord(mode)) throw new Error(`${where}.rateLimitHeaders must be an object`);
    requireNumber(mode, 'remaining', `${where}.rateLimitHeaders`);
    requireNumber(mode, 'delaySeconds', `${where}.rateLimitHeaders`, true);
  }
  if (value['retryAfterOn200'] !== undefined) {
    const mode = value['retryAfterOn200'];
    if (!isRecord(mode)) throw new Error(`${where}.retryAfterOn200 must be an object`);
    requireNumber(mode, 'retryAfterSeconds', `${where}.retryAfterOn200`);
  }
  const requests = value['requests'];
  if (requests !== undefined) {
    if (!Array.isArray(requests)) throw new Error(`${where}.requests must be an array`);
    for (const [index, fault] of (requests as unknown[]).entries()) {
      const at = `${where}.requests[${index}]`;
      if (!isRecord(fault)) throw new Error(`${at} must be an object`);
      if (typeof fault['kind'] !== 'string' || !KINDS.includes(fault['kind'] as RequestFaultKind)) {
        throw new Error(`${at}.kind must be one of ${KINDS.join(', ')}`);
      }
      requireNumber(fault, 'count', at, true);
      const pattern = fault['pathPattern'];
      if (pattern !== undefined) {
        try {
          if (typeof pattern !== 'string') throw new TypeError('not a string');
          new RegExp(pattern, 'i');
        } catch {
          throw new Error(`${at}.pathPattern is not a valid regular expression`);
        }
      }
    }
  }
  return value;
}
