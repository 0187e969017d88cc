import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { FetchLike, ResponseLike } from '../pipeline/types';
import { formatBytes } from '../output/display';

/** A desktop browser's User-Agent: some news sites hide the article body from mobile or unknown agents. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** Default largest body accepted, after decompression: 20 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const DEFAULT_MAX_REDIRECTS = 5;

/** Connections per host: the command's largest --concurrency. */
const MAX_SOCKETS_PER_HOST = 32;

/** What went wrong, for callers that turn errors into one plain sentence. */
export type FetchErrorCode =
  | 'bad-url'
  | 'unreachable'
  | 'dns'
  | 'network'
  | 'proxy'
  | 'too-large'
  | 'too-many-redirects'
  | 'bad-encoding'
  | 'tls';

/**
 * A failure of {@link createNodeFetch}'s fetch other than an abort (aborts reject with `signal.reason`).
 * Its message is already one plain line ("could not connect to host:port (ECONNREFUSED)"); connection
 * errors carry no `cause`, so callers that prefer `cause.message` (as they must for `fetch`'s
 * "fetch failed") show this message.
 */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    message: string,
    readonly code: FetchErrorCode,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface NodeFetchOptions {
  /**
   * Forward proxy, `http://[user:pass@]host:port`. `undefined`: take it from the environment
   * (`http_proxy`/`HTTP_PROXY`, `https_proxy`/`HTTPS_PROXY`, minus `no_proxy`/`NO_PROXY` and loopback).
   * `null` or `''`: never use a proxy. An explicit proxy is used for every URL, loopback included.
   */
  proxy?: string | null;
  /** Environment to read proxy variables from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Largest body accepted, after decompression (default 20 MB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** User-Agent header (default a desktop Chrome). */
  userAgent?: string;
  /** Extra CA certificates (PEM) to trust for HTTPS besides Node's own, e.g. a test server's. */
  ca?: string | Buffer | Array<string | Buffer>;
}

/** A {@link FetchLike} that also owns connection pools; `close()` drops idle connections. */
export type NodeFetch = FetchLike & { close(): void };

interface ProxyTarget {
  host: string;
  port: number;
  authorization: string | null;
  href: string;
}

/**
 * A `fetch`-like function for Node on `node:http`/`node:https` (not the global fetch), so that it can
 * go through a plain HTTP forward proxy: absolute-URI requests for `http:` targets, `CONNECT` then TLS
 * for `https:` targets. Follows up to 5 redirects (the final URL is in `response.url`), honours an
 * `AbortSignal` (rejecting with `signal.reason`, like `fetch`), caps the body size (error "response too
 * large"), decodes gzip/deflate/br, and sends a desktop browser's User-Agent.
 *
 * The promise resolves once headers arrive; the body is read at once in the background, so a response
 * whose `arrayBuffer()` is never called still frees its connection.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const env = options.env ?? process.env;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? DESKTOP_USER_AGENT;
  const explicitProxy = options.proxy === undefined ? undefined : options.proxy || null;
  const fixedProxy = explicitProxy ? parseProxy(explicitProxy) : null;
  // As many connections per host as the command may ask pages at once (--concurrency, at most 32):
  // the read's own queue is the limit, not a socket pool behind it.
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST });
  // Extra CAs are added to Node's roots, not put in their place.
  const ca = options.ca === undefined ? undefined : [...tls.rootCertificates, ...[options.ca].flat()];
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_HOST, ca });

  function proxyFor(target: URL): ProxyTarget | null {
    if (explicitProxy !== undefined) return fixedProxy;
    const value = proxyFromEnv(target, env);
    return value ? parseProxy(value) : null;
  }

  const fetchImpl: FetchLike = async (url, init = {}) => {
    const signal = init.signal;
    if (signal?.aborted) throw signal.reason;
    let current: URL;
    try {
      current = new URL(url);
    } catch (cause) {
      throw new FetchError(`invalid URL: ${url}`, 'bad-url', url, { cause });
    }
    for (let redirects = 0; ; redirects++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new FetchError(`unsupported URL scheme ${current.protocol} in ${current.href}`, 'bad-url', current.href);
      }
      const proxy = proxyFor(current);
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
        'accept-encoding': 'gzip, deflate, br',
        ...lowerCaseKeys(init.headers ?? {}),
      };
      const res = await request(current, headers, proxy, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (isRedirect(status) && location && init.redirect === 'manual') {
        // The caller follows redirects itself (the pipeline refuses off-site ones unrequested).
        return makeResponse(res, current.href, maxBytes, signal);
      }
      if (isRedirect(status) && location) {
        res.resume();
        if (redirects >= maxRedirects) {
          throw new FetchError(`too many redirects (more than ${maxRedirects}) from ${url}`, 'too-many-redirects', url);
        }
        try {
          current = new URL(location, current);
        } catch (cause) {
          throw new FetchError(`bad redirect to ${location} from ${current.href}`, 'bad-url', current.href, { cause });
        }
        continue;
      }
      return makeResponse(res, current.href, maxBytes, signal);
    }
  };

  function request(
    target: URL,
    headers: Record<string, string>,
    proxy: ProxyTarget | null,
    signal: AbortSignal | undefined,
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let req: http.ClientRequest | null = null;
      let tunnelReq: http.ClientRequest | null = null;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = (): void => {
        const reason: unknown = signal?.reason;
        fail(reason);
        req?.destroy();
        tunnelReq?.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const start = (requestOptions: https.RequestOptions, secure: boolean): void => {
        req = (secure ? https : http).request(requestOptions, (res) => {
          if (settled) {
            res.destroy();
            return;
          }
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve(res);
        });
        req.on('error', (error) => fail(networkError(error, target, proxy)));
        req.end();
      };

      const hostHeader = target.host;
      if (target.protocol === 'http:' && proxy) {
        // A forward proxy takes the absolute URI on the request line.
        start(
          {
            host: proxy.host,
            port: proxy.port,
            method: 'GET',
            path: target.href.replace(/#.*$/, ''),
            headers: {
              ...headers,
              host: hostHeader,
              ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}),
            },
            agent: httpAgent,
          },
          false,
        );
      } else if (target.protocol === 'https:' && proxy) {
        const port = Number(target.port || 443);
        const authority = `${bracketIpv6(target.hostname)}:${port}`;
        tunnelReq = http.request({
          host: proxy.host,
          port: proxy.port,
          method: 'CONNECT',
          path: authority,
          headers: {
            host: authority,
            'user-agent': headers['user-agent'] ?? DESKTOP_USER_AGENT,
            ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}),
          },
          agent: false,
        });
        tunnelReq.on('connect', (res, socket) => {
          if (settled) {
            socket.destroy();
            return;
          }
          if (res.statusCode !== 200) {
            socket.destroy();
            fail(
              new FetchError(
                `proxy ${proxy.href} refused the tunnel to ${authority}: HTTP ${res.statusCode ?? '?'}`,
                'proxy',
                target.href,
              ),
            );
            return;
          }
          const servername = net.isIP(unbracket(target.hostname)) ? undefined : target.hostname;
          const tlsSocket = tls.connect({ socket, servername, ca, ALPNProtocols: ['http/1.1'] });
          tlsSocket.on('error', (error) => fail(networkError(error, target, null)));
          start(
            {
              host: unbracket(target.hostname),
              port,
              method: 'GET',
              path: target.pathname + target.search,
              headers: { ...headers, host: hostHeader },
              createConnection: () => tlsSocket,
            },
            true,
          );
        });
        tunnelReq.on('error', (error) => fail(networkError(error, target, proxy)));
        tunnelReq.end();
      } else {
        start(
          {
            host: unbracket(target.hostname),
            port: target.port ? Number(target.port) : undefined,
            method: 'GET',
            path: target.pathname + target.search,
            headers: { ...headers, host: hostHeader },
            agent: target.protocol === 'https:' ? httpsAgent : httpAgent,
            servername: target.protocol === 'https:' && !net.isIP(unbracket(target.hostname)) ? target.hostname : undefined,
          },
          target.protocol === 'https:',
        );
      }
    });
  }

  return Object.assign(fetchImpl, {
    close(): void {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}

function makeResponse(
  res: http.IncomingMessage,
  url: string,
  maxBytes: number,
  signal: AbortSignal | undefined,
): ResponseLike {
  const status = res.statusCode ?? 0;
  const body = readBody(res, url, maxBytes, signal);
  // Nobody may ever ask for the body (a 404, an unwanted content type); don't let its failure go unhandled.
  body.catch(() => undefined);
  const headers = res.headers;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: {
      get(name: string): string | null {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    },
    arrayBuffer: () => body,
  };
}

function readBody(
  res: http.IncomingMessage,
  url: string,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<ArrayBuffer> {
  return new Promise<ArrayBuffer>((resolve, reject) => {
    const tooLarge = (): FetchError =>
      new FetchError(`response too large (over ${formatBytes(maxBytes)}): ${url}`, 'too-large', url);
    const declared = Number(res.headers['content-length']);
    // Compressed bodies only grow, so a declared length over the cap is already too large.
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: unknown, value?: ArrayBuffer): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) {
        res.destroy();
        reject(error);
      } else {
        resolve(value as ArrayBuffer);
      }
    };
    const onAbort = (): void => finish(signal?.reason);
    if (signal?.aborted) {
      finish(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      if (done) return;
      if (!res.complete) {
        finish(new FetchError(`connection closed before the whole response arrived: ${url}`, 'network', url));
        return;
      }
      try {
        const raw = Buffer.concat(chunks, size);
        const body = decodeBody(raw, String(res.headers['content-encoding'] ?? ''), url, maxBytes);
        finish(undefined, body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      } catch (error) {
        finish(error);
      }
    });
    res.on('error', (error) => {
      finish(new FetchError(`network error while reading ${url}: ${error.message}`, 'network', url, { cause: error }));
    });
    res.on('close', () => {
      // A body cut short ends in 'close' without 'end'.
      finish(new FetchError(`connection closed before the whole response arrived: ${url}`, 'network', url));
    });
  });
}

/**
 * Undo the Content-Encoding, last-applied first, never producing more than `maxBytes`.
 * Flushes are lenient: browsers accept a compressed body that ends early, and so does this.
 */
function decodeBody(raw: Buffer, contentEncoding: string, url: string, maxBytes: number): Buffer {
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity')
    .reverse();
  let body = raw;
  // A HEAD, 204 or 304 answer may declare an encoding for a body it does not have.
  if (raw.length === 0) return raw;
  for (const coding of codings) {
    const zlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: maxBytes };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') {
        body = zlib.gunzipSync(body, zlibOptions);
      } else if (coding === 'deflate') {
        // "deflate" should be zlib-wrapped (low nibble of the first byte is 8), but some servers send it raw.
        body =
          body.length > 0 && (body[0]! & 0x0f) === 8
            ? zlib.inflateSync(body, zlibOptions)
            : zlib.inflateRawSync(body, zlibOptions);
      } else if (coding === 'br') {
        body = zlib.brotliDecompressSync(body, {
          finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
          maxOutputLength: maxBytes,
        });
      } else {
        throw new FetchError(`unsupported content encoding "${coding}": ${url}`, 'bad-encoding', url);
      }
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FetchError(`response too large (over ${formatBytes(maxBytes)} once decompressed): ${url}`, 'too-large', url);
      }
      throw new FetchError(
        `could not decompress the response (${coding}: ${(error as Error).message}): ${url}`,
        'bad-encoding',
        url,
        { cause: error },
      );
    }
  }
  return body;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function bracketIpv6(hostname: string): string {
  return net.isIPv6(hostname) ? `[${hostname}]` : hostname;
}

/** Parse `http://[user:pass@]host[:port]` (a bare `host:port` is taken as http). */
function parseProxy(value: string): ProxyTarget {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch (cause) {
    throw new FetchError(`invalid proxy URL: ${value}`, 'bad-url', value, { cause });
  }
  if (parsed.protocol !== 'http:') {
    throw new FetchError(`unsupported proxy scheme ${parsed.protocol} (only http:// proxies): ${value}`, 'bad-url', value);
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
  try {
    parseProxy(value);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
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

function networkError(error: Error & { code?: string }, target: URL, proxy: ProxyTarget | null): FetchError {
  const code = error.code ?? '';
  const where = proxy ? `proxy ${proxy.href}` : target.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = proxy ? proxy.host : target.hostname;
    return new FetchError(`host not found: ${host} (${code})`, 'dns', target.href);
  }
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return new FetchError(`could not connect to ${where} (${code})`, proxy ? 'proxy' : 'unreachable', target.href);
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL') || /certificate|ssl|tls/i.test(error.message)) {
    return new FetchError(`TLS error with ${target.host}: ${error.message}`, 'tls', target.href);
  }
  return new FetchError(`network error with ${where}: ${error.message}${code ? ` (${code})` : ''}`, 'network', target.href);
}
