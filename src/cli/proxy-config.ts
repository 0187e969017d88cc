/**
 * Which forward proxy the command's fetch (node-fetch.ts) uses for a URL: the one given, or the
 * environment's as curl reads it. Apart from the fetch (and undici), so that checking --proxy
 * while parsing the command line loads no HTTP client.
 */
import net from 'node:net';

/** A forward proxy: where it is and the credentials its URL carried. */
export interface ProxyTarget {
  host: string;
  port: number;
  authorization: string | null;
  /** `http://host:port`, without the credentials. */
  href: string;
}

export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

export function bracketIpv6(hostname: string): string {
  return net.isIPv6(hostname) ? `[${hostname}]` : hostname;
}

/**
 * Parse `http://[user:pass@]host[:port]` (a bare `host:port` is taken as http).
 * @returns the proxy, or what is wrong with the value in one line.
 */
export function parseProxy(value: string): ProxyTarget | string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return `invalid proxy URL: ${value}`;
  }
  if (parsed.protocol !== 'http:') {
    return `unsupported proxy scheme ${parsed.protocol} (only http:// proxies): ${value}`;
  }
  const authorization =
    parsed.username || parsed.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
      : null;
  return {
    host: unbracket(parsed.hostname),
    port: Number(parsed.port || 80),
    authorization,
    href: `${parsed.protocol}//${parsed.host}`,
  };
}

/**
 * Check a proxy URL's syntax up front (for command-line validation).
 * @returns an error message, or null when the value is usable.
 */
export function checkProxyUrl(value: string): string | null {
  const proxy = parseProxy(value);
  return typeof proxy === 'string' ? proxy : null;
}

/**
 * The proxy the environment asks for, for this URL, or null. Reads `http_proxy`/`HTTP_PROXY` for
 * http targets and `https_proxy`/`HTTPS_PROXY` for https targets (lower case first, as curl does),
 * and skips loopback hosts and hosts matched by `no_proxy`/`NO_PROXY` (`*`, `host`, `.domain`,
 * `domain` also covering subdomains, optional `:port`).
 */
export function proxyFromEnv(target: URL, env: Record<string, string | undefined> = process.env): string | null {
  const value =
    target.protocol === 'https:'
      ? env.https_proxy || env.HTTPS_PROXY
      : target.protocol === 'http:'
        ? env.http_proxy || env.HTTP_PROXY
        : undefined;
  if (!value) return null;
  const host = unbracket(target.hostname).toLowerCase();
  if (isLoopback(host)) return null;
  const noProxy = (env.no_proxy || env.NO_PROXY || '').trim();
  if (!noProxy) return value;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const rawEntry of noProxy.split(/[\s,]+/)) {
    const entry = rawEntry.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return null;
    // "host", "host:port", "[::1]", "[::1]:port"; a bare IPv6 address has no port.
    const match = net.isIPv6(entry) ? null : /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(entry);
    const entryHost = match ? (match[1] ?? entry) : entry;
    const entryPort = match?.[2] ?? null;
    if (entryPort && entryPort !== port) continue;
    const bare = entryHost.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return null;
  }
  return value;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

