import { request as httpRequest, STATUS_CODES, type IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { Dispatcher, Pool, ProxyAgent } from 'undici';
import { readStreamCapped } from '../pipeline/read-capped';
import type { FetchLike, ResponseLike } from '../pipeline/types';
import { formatBytes } from '../output/display';
import { undici } from './node-packages';
import { bracketIpv6, parseProxy as parseProxyOrSay, proxyFromEnv, unbracket, type ProxyTarget } from './proxy-config';

export { checkProxyUrl, proxyFromEnv } from './proxy-config';

/** A desktop browser's User-Agent: some news sites hide the article body from mobile or unknown agents. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** Default largest body accepted, after decompression: 20 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const DEFAULT_MAX_REDIRECTS = 5;

/** Content codings undici's fetch decodes (zstd only where this Node's zlib has it). */
const DECODED = new Set(['identity', 'gzip', 'x-gzip', 'deflate', 'br', ...('createZstdDecompress' in zlib ? ['zstd'] : [])]);

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
 * Its message is already one plain line ("could not connect to host:port (ECONNREFUSED)"), not
 * undici's "fetch failed" (whose reason is in its `cause`).
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

/** A {@link FetchLike} that also owns connection pools; `close()` drops them. */
export type NodeFetch = FetchLike & { close(): void };


/**
 * A `fetch`-like function for Node on undici's `fetch` (the library behind Node's own), with its
 * dispatchers chosen here: straight to the site (HTTP/1.1, or HTTP/2 where the site's TLS offers
 * it), or through a plain HTTP forward proxy (`ProxyAgent`: absolute-URI requests for `http:`
 * targets, `CONNECT` then TLS for `https:` ones). undici decodes gzip/deflate/br (leniently, as
 * browsers do); this adds what the command needs on top: redirects followed by hand (at most 5, the
 * final URL in `response.url`), the body capped after decompression ("response too large"), a
 * desktop browser's User-Agent, the proxy taken from the environment as curl does (loopback and
 * `NO_PROXY` hosts excepted) and each failure as one plain {@link FetchError}. An `AbortSignal`
 * rejects with `signal.reason`, like `fetch`.
 *
 * The promise resolves once headers arrive; the body is read at once in the background, so a response
 * whose body is never read still frees its connection (`body` is that capped stream, `arrayBuffer()`
 * reads it whole).
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const env = options.env ?? process.env;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? DESKTOP_USER_AGENT;
  const explicitProxy = options.proxy === undefined ? undefined : options.proxy || null;
  const fixedProxy = explicitProxy ? parseProxy(explicitProxy) : null;
  // Extra CAs are added to Node's roots, not put in their place.
  const ca = options.ca === undefined ? undefined : [...tls.rootCertificates, ...[options.ca].flat()];
  // HTTP/2 where the site's TLS handshake offers it (ALPN), as browsers do; HTTP/1.1 otherwise.
  const tlsOptions = { ca, allowH2: true };
  // The bundle's cached copy of undici, else node_modules' (src/cli/node-packages.ts).
  const { Agent, fetch: undiciFetch, ProxyAgent } = undici();
  const dispatchers: Dispatcher[] = [];
  const own = <D extends Dispatcher>(d: D): D => (dispatchers.push(d), d);
  const direct = own(new Agent({ factory: poolOf, connections: MAX_SOCKETS_PER_HOST, allowH2: true, connect: tlsOptions }));
  const viaProxy = new Map<string, ProxyAgent>();

  function dispatcherFor(target: URL): { dispatcher: Dispatcher; proxy: ProxyTarget | null } {
    const proxy = explicitProxy !== undefined ? fixedProxy : proxyFor(target);
    if (!proxy) return { dispatcher: direct, proxy: null };
    let agent = viaProxy.get(proxy.href);
    if (!agent) {
      agent = own(
        new ProxyAgent({
          uri: proxy.href,
          // http: targets as absolute-URI requests (what every forward proxy takes), not a tunnel.
          proxyTunnel: false,
          ...(proxy.authorization ? { token: proxy.authorization } : {}),
          factory: poolOf,
          connections: MAX_SOCKETS_PER_HOST,
          allowH2: true,
          requestTls: tlsOptions,
        }),
      );
      viaProxy.set(proxy.href, agent);
    }
    return { dispatcher: agent, proxy };
  }

  function proxyFor(target: URL): ProxyTarget | null {
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
      const { dispatcher, proxy } = dispatcherFor(current);
      const headers = requestHeaders(userAgent, init.headers);
      let res: Response;
      try {
        res = (await undiciFetch(current.href.replace(/#.*$/, ''), { headers, redirect: 'manual', signal, dispatcher })) as unknown as Response;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw networkError(error, current, proxy);
      }
      const location = res.headers.get('location');
      if (isRedirect(res.status) && location && init.redirect !== 'manual') {
        void res.body?.cancel().catch(() => undefined);
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
      // The caller follows redirects itself with `manual` (the pipeline refuses off-site ones unrequested).
      return makeResponse(res, current.href, maxBytes, signal, current, proxy);
    }
  };

  return Object.assign(fetchImpl, {
    close(): void {
      for (const d of dispatchers) void d.destroy().catch(() => undefined);
    },
  });
}

/**
 * A site's pool of connections, each taking the number of requests at once its protocol allows:
 * one for HTTP/1.1, the server's stream limit for HTTP/2. undici sets every connection's
 * `pipelining` to 1 unless told, and that 1 wins over its own HTTP/2 default (unlimited), so an
 * HTTP/2 connection carried one request at a time and each request of a parallel batch opened a
 * connection (and a TLS handshake) of its own; unset, each protocol's default applies.
 */
function poolOf(origin: string | URL, options: Pool.Options): Dispatcher {
  const { Client, Pool } = undici();
  return new Pool(origin, {
    ...options,
    factory: (o: string | URL, clientOptions: object) => {
      const client = new Client(o, clientOptions);
      (client as unknown as { pipelining: number | undefined }).pipelining = undefined;
      return client;
    },
  });
}

function makeResponse(res: Response, url: string, maxBytes: number, signal: AbortSignal | undefined, target: URL, proxy: ProxyTarget | null): ResponseLike {
  const body = cappedBody(res, url, maxBytes, signal, target, proxy);
  return {
    ok: res.ok,
    status: res.status,
    // undici's HTTP/1 proxy path drops the reason phrase, and HTTP/2 has none: the standard one then.
    statusText: res.statusText || (STATUS_CODES[res.status] ?? ''),
    url,
    headers: res.headers,
    body,
    // The stream enforces maxBytes itself (it errors past it): read it whole.
    arrayBuffer: async () => (await readStreamCapped(body, Infinity))!.buffer,
  };
}

/**
 * The body as undici decompresses it, read off the connection at once (so a response nobody reads
 * still frees its connection) into a stream that errors once it passes `maxBytes` ("response too
 * large"), when the connection is cut ("connection closed…") or when the signal aborts (its reason).
 * A reader that cancels it (the pipeline's own, smaller cap) stops the download.
 */
function cappedBody(res: Response, url: string, maxBytes: number, signal: AbortSignal | undefined, target: URL, proxy: ProxyTarget | null): ReadableStream<Uint8Array> {
  const tooLarge = (): FetchError => new FetchError(`response too large (over ${formatBytes(maxBytes)}): ${url}`, 'too-large', url);
  const source = res.body?.getReader();
  let stopped = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!source) {
        controller.close();
        return;
      }
      const fail = (error: unknown): void => {
        stopped = true;
        void source.cancel().catch(() => undefined);
        controller.error(error);
      };
      // Compressed bodies only grow, so a declared length over the cap is already too large.
      if (Number(res.headers.get('content-length')) > maxBytes) return fail(tooLarge());
      // undici passes a body it cannot decode through as it is: refused instead, not read as text.
      const unknown = (res.headers.get('content-encoding') ?? '').toLowerCase().split(',').map((c) => c.trim()).find((c) => c && !DECODED.has(c));
      if (unknown) return fail(new FetchError(`unsupported content encoding "${unknown}": ${url}`, 'bad-encoding', url));
      void (async () => {
        let size = 0;
        try {
          for (;;) {
            const { done, value } = await source.read();
            if (stopped) return;
            if (done) return controller.close();
            size += value.byteLength;
            if (size > maxBytes) return fail(tooLarge());
            controller.enqueue(value);
          }
        } catch (error) {
          if (!stopped) fail(signal?.aborted ? signal.reason : bodyError(error, url, target, proxy));
        }
      })();
    },
    cancel() {
      stopped = true;
      return source?.cancel().catch(() => undefined);
    },
  });
}

/** A failure while the body streamed in: a corrupt compressed body, or the connection cut short. */
function bodyError(error: unknown, url: string, target: URL, proxy: ProxyTarget | null): FetchError {
  const cause = rootCause(error);
  const code = String((cause as { code?: unknown }).code ?? '');
  if (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR_FORMAT_PADDING_1' || /zlib|incorrect header|invalid (?:block|stored|distance|code)|unexpected end of file|decompress/i.test(cause.message)) {
    return new FetchError(`could not decompress the response (${cause.message}): ${url}`, 'bad-encoding', url, { cause });
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || /terminated|other side closed|premature close/i.test(`${(error as Error).message} ${cause.message}`)) {
    return new FetchError(`connection closed before the whole response arrived: ${url}`, 'network', url);
  }
  const network = networkError(error, target, proxy);
  return new FetchError(`network error while reading ${url}: ${network.message}`, 'network', url, { cause });
}

/** The innermost `cause` of an error (undici's "fetch failed" / "terminated" wrap the real one). */
function rootCause(error: unknown): Error & { code?: string } {
  let e = error as Error & { code?: string; cause?: unknown };
  for (let depth = 0; depth < 5 && e?.cause instanceof Error; depth++) e = e.cause as Error & { code?: string; cause?: unknown };
  // Happy eyeballs tried several addresses: the first one's reason stands for all.
  if (e instanceof AggregateError && e.errors[0] instanceof Error) e = e.errors[0] as Error & { code?: string };
  return e instanceof Error ? e : new Error(String(e));
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** What every request sends: a desktop browser's headers, then the caller's. */
function requestHeaders(userAgent: string, own: Record<string, string> = {}): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
    'accept-encoding': 'gzip, deflate, br',
    ...lowerCaseKeys(own),
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

/** The proxy `value` names, or a {@link FetchError} saying what is wrong with it. */
function parseProxy(value: string): ProxyTarget {
  const proxy = parseProxyOrSay(value);
  if (typeof proxy === 'string') throw new FetchError(proxy, 'bad-url', value);
  return proxy;
}

/**
 * A connection failure in one plain line. No `cause`: callers that prefer `cause.message` (as they
 * must for a bare `fetch`'s "fetch failed") then show this message.
 */
function networkError(error: unknown, target: URL, proxy: ProxyTarget | null): FetchError {
  const cause = rootCause(error);
  const code = cause.code ?? '';
  const where = proxy ? `proxy ${proxy.href}` : target.host;
  const refused = /Proxy response \((\d+)\) !== 200/.exec(cause.message);
  if (refused && proxy) {
    const authority = `${bracketIpv6(unbracket(target.hostname))}:${target.port || (target.protocol === 'https:' ? 443 : 80)}`;
    return new FetchError(`proxy ${proxy.href} refused the tunnel to ${authority}: HTTP ${refused[1]}`, 'proxy', target.href);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = proxy ? proxy.host : target.hostname;
    return new FetchError(`host not found: ${host} (${code})`, 'dns', target.href);
  }
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError(`could not connect to ${where} (${code})`, proxy ? 'proxy' : 'unreachable', target.href);
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL') || /certificate|ssl|tls/i.test(cause.message)) {
    return new FetchError(`TLS error with ${target.host}: ${cause.message}`, 'tls', target.href);
  }
  return new FetchError(`network error with ${where}: ${cause.message}${code ? ` (${code})` : ''}`, 'network', target.href);
}

/** Content codings the first request decodes itself; an answer in any other goes again through undici. */
const FIRST_DECODED = new Set(['gzip', 'x-gzip', 'br']);

/**
 * The command's first request on Node's own HTTP client (node:http), so that it leaves before
 * undici has loaded: loading undici took 23-25 ms of every read's start, before the page the read
 * waits on was even asked for (issue 10: nothing done before it is needed). For `http:` pages,
 * straight from the site or through the plain HTTP forward proxy createNodeFetch would use (asked
 * as it asks one); null for `https:`, where undici's own connection (HTTP/2 when the site offers
 * it) carries the other pages' requests too, while a connection of Node's would leave them a TLS
 * handshake of their own to wait for. A URL with a user and password is left to undici as well
 * (its fetch refuses one). With `redirect: 'manual'` (how the pipeline loads a page), the headers
 * {@link createNodeFetch} sends, and the body decoded, capped and failing the same way
 * (`makeResponse`). A request that fails before its answer's headers, or an answer in a coding
 * other than gzip or br, is made again by `fallback` (undici), whose errors then say what went
 * wrong: a failure reads the same either way.
 */
export function createFirstFetch(url: string, options: NodeFetchOptions, fallback: () => FetchLike): FetchLike | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== 'http:' || target.username || target.password) return null;
  // The proxy createNodeFetch would use for this URL (given, or the environment's), asked as it
  // asks one: an absolute-URI request line, the site's Host, the proxy's credentials.
  const proxyValue = options.proxy === undefined ? proxyFromEnv(target, options.env ?? process.env) : options.proxy || null;
  const proxy = proxyValue ? parseProxyOrSay(proxyValue) : null;
  if (typeof proxy === 'string') return null;
  const path = `${target.pathname}${target.search}`;
  const route = proxy
    ? { host: proxy.host, port: proxy.port, path: `${target.origin}${path}` }
    : { host: unbracket(target.hostname), port: Number(target.port || 80), path };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const userAgent = options.userAgent ?? DESKTOP_USER_AGENT;
  return async (wanted, init = {}) => {
    const signal = init.signal;
    if (signal?.aborted) throw signal.reason;
    if (init.redirect !== 'manual' || wanted !== url) return fallback()(wanted, init);
    const answer = await new Promise<IncomingMessage | null>((resolve) => {
      const headers = { host: target.host, ...requestHeaders(userAgent, init.headers), ...(proxy?.authorization ? { 'proxy-authorization': proxy.authorization } : {}) };
      const req = httpRequest({ ...route, headers, agent: false, ...(signal ? { signal } : {}) }, resolve);
      req.on('error', () => resolve(null));
      req.end();
    });
    if (signal?.aborted) {
      answer?.destroy();
      throw signal.reason;
    }
    const codings = String(answer?.headers['content-encoding'] ?? '').toLowerCase().split(',').map((c) => c.trim()).filter((c) => c && c !== 'identity');
    if (!answer || codings.some((c) => !FIRST_DECODED.has(c))) {
      answer?.destroy();
      return fallback()(wanted, init);
    }
    // Decoded in reverse order of coding, as leniently as undici (a body cut short gives what came);
    // `pipeline` passes an error (or a destroy) of any stream on to all of them.
    const decoders = codings.reverse().map((coding) =>
      coding === 'br'
        ? zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })
        : zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    );
    const source = decoders.reduce<Readable>((from, decoder) => pipeline(from, decoder, () => undefined), answer);
    const status = answer.statusCode ?? 0;
    /** The stream closed, errored or cancelled: nothing more goes into it. */
    let done = false;
    const res = {
      ok: status >= 200 && status <= 299,
      status,
      statusText: answer.statusMessage ?? '',
      headers: { get: (name: string) => headerValue(answer.headers[name.toLowerCase()]) },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          source.on('data', (chunk: Buffer) => done || controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
          source.on('end', () => done || ((done = true), controller.close()));
          source.on('error', (error: Error) => done || ((done = true), controller.error(error)));
        },
        cancel() {
          done = true;
          source.destroy();
        },
      }),
    };
    return makeResponse(res as unknown as Response, target.href, maxBytes, signal, target, proxy);
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
