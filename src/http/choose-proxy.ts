// Which proxy, if any, an https request to Azure DevOps goes through: HTTPS_PROXY (or https_proxy, then HTTP_PROXY /
// http_proxy), unless NO_PROXY (or no_proxy) names the host. Corporate agents often reach the service only this way,
// and @azure/identity already honours these variables. Only https is proxied, through a CONNECT tunnel, so the
// proxy sees the host name and port and never a header of ours; plain http exists only for loopback (an emulator)
// and always goes direct (docs/security.md §4).

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** The proxy URL for `target`, or undefined to connect directly. */
export function chooseProxy(target: URL, env: ProxyEnvironment): URL | undefined {
  if (target.protocol !== 'https:') return undefined;
  const configured = first(env, ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']);
  if (configured === undefined) return undefined;
  if (bypassed(target, first(env, ['NO_PROXY', 'no_proxy']) ?? '')) return undefined;
  try {
    // A bare `host:port` is read as http://host:port, as curl does.
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(configured) ? configured : `http://${configured}`);
  } catch {
    return undefined;
  }
}

function first(env: ProxyEnvironment, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * NO_PROXY: entries separated by commas or spaces; `*` bypasses everything; `host`, `.host` and `*.host` match the
 * host and its subdomains; `host:port` only that port. IPv6 brackets are ignored.
 */
function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || '443';
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, '').toLowerCase());
      const name = (match?.[1] ?? '').replace(/^\*?\./, '');
      if (name === '' || (match?.[2] !== undefined && match[2] !== port)) return false;
      return host === name || host.endsWith(`.${name}`);
    });
}
