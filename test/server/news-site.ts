/**
 * A local "news site" for tests, the demo, the benchmark and browser e2e. It serves the pages listed in
 * fixture cases (`test/pages/<slug>/case.json`) byte for byte, with their status and content type, and
 * answers 404 to everything else: nothing ever reaches the internet.
 *
 * A page is found by its absolute URL, rebuilt from the Host header and the path + query, so it can be
 * reached in three ways:
 * - as a plain HTTP forward proxy: `--proxy http://127.0.0.1:PORT` sends absolute-URI request lines
 *   (`GET http://culture.people.com.cn/... HTTP/1.1`);
 * - through `CONNECT host:443` for https URLs: the tunnel is terminated here with the test certificate
 *   in `test/server/tls/` (trust `tls/ca.pem`, e.g. `NODE_EXTRA_CA_CERTS`);
 * - directly, with real host names mapped to 127.0.0.1 (Chromium's `--host-resolver-rules`); a request
 *   to 127.0.0.1/localhost itself also matches a fixture page by path + query when only one has it.
 *
 * Run it by hand: `npx tsx test/server/news-site.ts [--port N] [--latency MS] [slug ...|all]`.
 */
import http from 'node:http';
import tls from 'node:tls';
import net from 'node:net';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { urlKey } from '../../src/pipeline/url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `test/pages`, where fixture cases live. */
export const PAGES_DIR = path.resolve(here, '../pages');
/** PEM of the CA that signed the certificate used inside CONNECT tunnels. */
export const TEST_CA_FILE = path.join(here, 'tls/ca.pem');

/** One page entry of a case.json. */
export interface CasePage {
  /** File name relative to the case folder (raw bytes). */
  file?: string;
  /** Inline body, sent as UTF-8, instead of a file. */
  body?: string;
  /** Content-Type header; default from the file extension (`text/html` without a charset). */
  contentType?: string;
  /** HTTP status; default 200. */
  status?: number;
  /** Location header (for a redirect status). */
  location?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Delay for this page, instead of the site-wide latency. */
  latencyMs?: number;
}

/** The parts of a case.json this server reads. */
export interface CaseFile {
  start: string;
  pages: Record<string, CasePage>;
}

/**
 * Writes a case folder as this server reads it: `files` (text as UTF-8, or bytes) and case.json
 * (`caseFile`, with any other fields a case keeps beside `start` and `pages`).
 */
export function writeCase(dir: string, caseFile: CaseFile & Record<string, unknown>, files: Record<string, string | Uint8Array> = {}): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  writeFileSync(path.join(dir, 'case.json'), `${JSON.stringify(caseFile, null, 2)}\n`);
}

export interface NewsSiteOptions {
  /** Fixture case folders (paths, or slugs under `test/pages`), or `'all'` for every case there. */
  cases: string[] | 'all';
  /** Delay before every response, in ms (default 0). */
  latencyMs?: number;
  /** Port to listen on (default 0: a free one). */
  port?: number;
  /** Where `'all'` and bare slugs are looked up (default `test/pages`). */
  pagesDir?: string;
}

/** One request as the server saw it. */
export interface LoggedRequest {
  method: string;
  /** Absolute URL rebuilt from the request ("host:port" for CONNECT). */
  url: string;
  /** How it arrived. */
  via: 'proxy' | 'direct' | 'tunnel' | 'connect';
  status: number;
}

export interface NewsSite {
  port: number;
  /** `http://127.0.0.1:PORT`: use it as the base URL or as `--proxy`. */
  origin: string;
  /** Absolute URLs requested, in order (CONNECT requests appear as "CONNECT host:port"). */
  requests: string[];
  /** The same, with method, route and status. */
  log: LoggedRequest[];
  /** The cases served: folder, start URL, page URLs. */
  cases: Array<{ dir: string; slug: string; start: string; urls: string[] }>;
  /** PEM file of the CA to trust for https fixture URLs reached through CONNECT. */
  caFile: string;
  close(): Promise<void>;
}

interface Entry {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
  latencyMs: number | null;
  slug: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.shtml': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

/** Every case folder under `pagesDir` that has a case.json. */
export function listCases(pagesDir: string = PAGES_DIR): string[] {
  if (!existsSync(pagesDir)) return [];
  return readdirSync(pagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(pagesDir, d.name, 'case.json')))
    .map((d) => path.join(pagesDir, d.name))
    .sort();
}

/** Read a case folder's case.json. */
export function readCase(dir: string): CaseFile {
  const file = path.join(dir, 'case.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CaseFile>;
  if (typeof parsed.start !== 'string' || !parsed.pages || typeof parsed.pages !== 'object') {
    throw new Error(`${file}: needs "start" (a URL) and "pages" (URL -> { file })`);
  }
  return parsed as CaseFile;
}

/** A page's lookup key (`urlKey`: parsed, without the fragment), or null for what is not a URL. */
function key(url: string): string | null {
  return URL.canParse(url) ? urlKey(url) : null;
}

/**
 * Whether a request is a page asking to be shown inside itself: a document navigation (it accepts
 * text/html; fetch() and subresources do not ask for it first) whose Referer is its own URL. Saved
 * pages keep ad slots as `<iframe src="#">` (their filling scripts were not saved; Xinhua's 2012
 * templates have 14): the HTML standard lets a page frame itself once, so each slot loaded the
 * whole page again with all its scripts and images, 15 documents per open in both browsers, and
 * Firefox's content scripts (document_idle: after the load event) waited for all of them. Such a
 * request is answered 204 No Content: the frame stays empty, as the slot was before its script ran.
 */
function framedInItself(req: http.IncomingMessage, url: string): boolean {
  const referer = req.headers.referer;
  if (req.method !== 'GET' || !referer || !/^\s*text\/html\b/i.test(req.headers.accept ?? '')) return false;
  return key(referer) === url;
}

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/**
 * Start the news site on 127.0.0.1.
 * @returns the port, origin, request log and `close()`.
 */
export async function startNewsSite(options: NewsSiteOptions): Promise<NewsSite> {
  const pagesDir = options.pagesDir ?? PAGES_DIR;
  const dirs =
    options.cases === 'all'
      ? listCases(pagesDir)
      : options.cases.map((c) => (path.isAbsolute(c) || c.includes('/') || c.includes(path.sep) ? path.resolve(c) : path.join(pagesDir, c)));

  const entries = new Map<string, Entry>();
  const byPath = new Map<string, Entry[]>();
  const cases: NewsSite['cases'] = [];
  for (const dir of dirs) {
    const slug = path.basename(dir);
    const data = readCase(dir);
    const urls: string[] = [];
    for (const [rawUrl, page] of Object.entries(data.pages)) {
      const k = key(rawUrl);
      if (!k) throw new Error(`${slug}/case.json: not a URL: ${rawUrl}`);
      // A page is a file of raw bytes, or an inline "body" sent as UTF-8 (test/pages/README.md).
      let body: Buffer;
      if (page.file !== undefined) {
        const filePath = path.join(dir, page.file);
        if (!existsSync(filePath)) throw new Error(`${slug}/case.json: missing file ${page.file} for ${rawUrl}`);
        body = readFileSync(filePath);
      } else if (typeof page.body === 'string') {
        body = Buffer.from(page.body, 'utf8');
      } else {
        throw new Error(`${slug}/case.json: ${rawUrl} has neither "file" nor "body"`);
      }
      const entry: Entry = {
        url: k,
        status: page.status ?? 200,
        contentType: page.contentType ?? (page.file ? CONTENT_TYPES[path.extname(page.file).toLowerCase()] : undefined) ?? 'text/html; charset=utf-8',
        body,
        headers: { ...(page.headers ?? {}), ...(page.location ? { location: page.location } : {}) },
        latencyMs: page.latencyMs ?? null,
        slug,
      };
      const existing = entries.get(k);
      if (existing && !(existing.body.equals(entry.body) && existing.status === entry.status)) {
        throw new Error(`${k} is defined differently by cases ${existing.slug} and ${slug}`);
      }
      entries.set(k, entry);
      const u = new URL(k);
      const p = u.pathname + u.search;
      byPath.set(p, [...(byPath.get(p) ?? []), entry]);
      urls.push(k);
    }
    cases.push({ dir, slug, start: data.start, urls });
  }

  function lookup(url: string): Entry | undefined {
    const k = key(url);
    if (!k) return undefined;
    const found = entries.get(k);
    if (found) return found;
    const u = new URL(k);
    // A plain-HTTP server cannot tell which scheme the client had in mind: try the other one.
    const other = new URL(k);
    other.protocol = u.protocol === 'https:' ? 'http:' : 'https:';
    const swapped = entries.get(other.href);
    if (swapped) return swapped;
    if (u.port) {
      for (const proto of ['http:', 'https:']) {
        const noPort = new URL(k);
        noPort.port = '';
        noPort.protocol = proto;
        const hit = entries.get(noPort.href);
        if (hit) return hit;
      }
    }
    if (isLoopbackHost(u.hostname)) {
      const candidates = byPath.get(u.pathname + u.search) ?? [];
      if (candidates.length === 1) return candidates[0];
    }
    return undefined;
  }

  const requests: string[] = [];
  const log: LoggedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const latency = options.latencyMs ?? 0;

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const raw = req.url ?? '/';
    const tunnelled = (req.socket as tls.TLSSocket).encrypted === true;
    let url: string;
    let via: LoggedRequest['via'];
    if (/^https?:\/\//i.test(raw)) {
      url = raw;
      via = 'proxy';
    } else {
      const host = req.headers.host ?? (tunnelled ? tunnelHosts.get(req.socket) : undefined) ?? '127.0.0.1';
      url = `${tunnelled ? 'https' : 'http'}://${host}${raw.startsWith('/') ? raw : `/${raw}`}`;
      via = tunnelled ? 'tunnel' : 'direct';
    }
    const normalized = key(url) ?? url;
    requests.push(normalized);
    if (framedInItself(req, normalized)) {
      log.push({ method: req.method ?? 'GET', url: normalized, via, status: 204 });
      res.writeHead(204);
      res.end();
      return;
    }
    const entry = lookup(normalized);
    const logged: LoggedRequest = { method: req.method ?? 'GET', url: normalized, via, status: entry?.status ?? 404 };
    log.push(logged);
    const delay = entry?.latencyMs ?? latency;
    const respond = (): void => {
      if (res.destroyed) return;
      if (!entry) {
        const body = Buffer.from(`404 Not Found: ${normalized} is not in the loaded fixtures\n`);
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(entry.status, {
        'content-type': entry.contentType,
        'content-length': entry.body.length,
        ...entry.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : entry.body);
    };
    if (delay > 0) {
      const timer = setTimeout(respond, delay);
      res.on('close', () => clearTimeout(timer));
    } else {
      respond();
    }
  }

  const server = http.createServer(handle);
  // Requests arriving inside CONNECT tunnels, already decrypted.
  const tunnelServer = http.createServer(handle);
  const tunnelHosts = new WeakMap<net.Socket, string>();
  const secureContext = tls.createSecureContext({
    cert: readFileSync(path.join(here, 'tls/cert.pem')),
    key: readFileSync(path.join(here, 'tls/key.pem')),
  });

  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const authority = req.url ?? '';
    requests.push(`CONNECT ${authority}`);
    log.push({ method: 'CONNECT', url: authority, via: 'connect', status: 200 });
    socket.on('error', () => socket.destroy());
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] });
    secure.on('error', () => secure.destroy());
    tunnelHosts.set(secure, authority.replace(/:443$/, ''));
    sockets.add(secure);
    secure.on('close', () => sockets.delete(secure));
    tunnelServer.emit('connection', secure);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    log,
    cases,
    caFile: TEST_CA_FILE,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        tunnelServer.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Run by hand: print where it listens and serve until Ctrl-C.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  let port = 0;
  let latencyMs = 0;
  const slugs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--port') port = Number(args[++i]);
    else if (a === '--latency') latencyMs = Number(args[++i]);
    else slugs.push(a);
  }
  const site = await startNewsSite({ cases: slugs.length === 0 || slugs.includes('all') ? 'all' : slugs, port, latencyMs });
  process.stdout.write(`news site on ${site.origin} (use it as --proxy), ${site.cases.length} cases\n`);
  for (const c of site.cases) process.stdout.write(`  ${c.slug}: ${c.start}\n`);
  process.on('SIGINT', () => void site.close().then(() => process.exit(0)));
}
