// A small fetch wrapper for behaviour tests: authenticates like the official clients and returns everything.
import type { RunningEmulator } from '../../../src/emulator/index.js';

export interface CallOptions {
  method?: string;
  /** Which credential to send; a string is sent as is; `none` sends no Authorization. @default "job" */
  token?: 'job' | 'pat' | 'none' | (string & {});
  /** @default Bearer for the job token, Basic ("PAT:" user) otherwise */
  scheme?: 'Bearer' | 'Basic';
  /** Sent as the Accept header parameter, like node-api and az do; null sends none. @default "7.1" */
  version?: string | null;
  headers?: Record<string, string>;
  body?: string;
  /** Sends X-TFS-FedAuthRedirect: Suppress, as both official clients do. @default true */
  suppress?: boolean;
  redirect?: 'follow' | 'manual' | 'error';
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Authorization header for a token and scheme, like node (`Basic base64("PAT:"+t)`) or az (`":"+t`). */
export function authorization(token: string, scheme: 'Bearer' | 'Basic', user = 'PAT'): string {
  return scheme === 'Bearer'
    ? `Bearer ${token}`
    : `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

/** Calls `orgUrl + path` (path starts with `/`, may hold a query). */
export async function call(
  emu: RunningEmulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const version = options.version === undefined ? '7.1' : options.version;
  headers['accept'] = version === null ? 'application/json' : `application/json;api-version=${version}`;
  if (options.suppress ?? true) headers['x-tfs-fedauthredirect'] = 'Suppress';
  const token = options.token ?? 'job';
  if (token !== 'none') {
    const value = token === 'job' ? emu.tokens.jobToken : token === 'pat' ? emu.tokens.pat : token;
    headers['authorization'] = authorization(value, options.scheme ?? (token === 'job' ? 'Bearer' : 'Basic'));
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  const init: RequestInit = { method: options.method ?? 'GET', headers: { ...headers, ...options.headers } };
  if (options.body !== undefined) init.body = options.body;
  if (options.redirect !== undefined) init.redirect = options.redirect;
  const response = await fetch(`${emu.orgUrl}${path}`, init);
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: tests look at `text`
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Calls the control API (`/_emulator/...`) of the emulator. */
export async function control(
  emu: RunningEmulator,
  method: string,
  action: string,
  body?: unknown,
): Promise<CallResult> {
  const origin = new URL(emu.orgUrl).origin;
  // The control API takes JSON only (a web page could otherwise POST text/plain to it).
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(`${origin}/_emulator/${action}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
}

/** Narrows a JSON answer for reading fields in assertions. */
export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null)
    throw new Error(`expected an object, got ${String(value)}`);
  return value as Record<string, unknown>;
}

/** The `value` array of a `{count, value}` answer. */
export function items(value: unknown): Record<string, unknown>[] {
  const list = record(value)['value'];
  if (!Array.isArray(list)) throw new Error('expected a {count, value} collection');
  return list as Record<string, unknown>[];
}
