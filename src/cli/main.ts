/**
 * The `wholestory` command: any page of a paginated article in, the whole article out as Markdown,
 * text, HTML or JSON. `bin/wholestory.mjs` registers tsx and calls {@link runCli}.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FetchLike, Progress, WholeArticle } from '../pipeline/types';
import type { NodeFetch } from './node-fetch';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from './format-option';
import { withFirstRequest } from './first-request';
import { checkProxyUrl } from './proxy-config';
import { describeWriteError, writeFileAtomic } from './write-file-atomic';

/**
 * Pages requested at once when --concurrency is not given: every page the article is known to
 * have (the read stops at --max-pages, default 30), at most the flag's own maximum. A page's slot
 * in the queue stays taken while it is parsed and extracted, so a lower cap makes the pages past
 * it wait for the CPU work on earlier ones as well as for the network (issue 10: 10 pages at
 * 100 ms took a third wave of requests at 6).
 */
export const MAX_CONCURRENCY = 32;
export const DEFAULT_MAX_PAGES = 30;

/** Exit statuses. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Where the command writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  stdout: { write(chunk: string, callback?: (error?: Error | null) => void): boolean };
  stderr: { write(chunk: string): boolean; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborts the read (Ctrl-C). */
  signal?: AbortSignal;
  /** Told about the article once it is read (the demo prints a summary from it). */
  onArticle?: (article: WholeArticle, elapsedMs: number) => void;
}

export const USAGE = `Usage: wholestory <url> [options]
       wholestory --file PAGE.html [--url URL] [options]

Read a paginated news article (Xinhua, People's Daily and similar sites) whole:
give any page of it, get every page fetched, merged in order and cleaned.

Options:
  -f, --format FORMAT   md (default), text, html or json
  -o, --out FILE        write to FILE (all or nothing) instead of standard output
      --proxy URL       HTTP proxy, e.g. http://127.0.0.1:8080 (default: $HTTP_PROXY
                        and $HTTPS_PROXY, except $NO_PROXY hosts and localhost)
      --max-pages N     read at most N pages (default 30; 1 reads only the page given)
      --timeout MS      time limit for each page, in milliseconds (default 15000)
      --concurrency N   pages fetched at once (default: every page known, up to
                        --max-pages and at most 32)
      --file PAGE.html  start from a saved copy of a page instead of fetching it
      --url URL         the saved page's address (with --file; default: the address
                        the file records, if any)
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 done (a warning on stderr names any page that failed), 1 nothing could be
read or the output could not be written, 2 bad usage.

Examples:
  wholestory http://culture.people.com.cn/n1/2019/0615/c1013-31153719-2.html
  wholestory -f json -o article.json http://english.people.com.cn/90777/8395574.html
  wholestory --file saved.html --url http://www.xinhuanet.com/food/2012-01/16/c_122592817.htm
`;

/** The usage lines alone, after a usage error. */
export const SHORT_USAGE = `${USAGE.split('\n\n')[0]}\nRun 'wholestory --help' for the options.\n`;

/** The command line, parsed and checked. */
export interface CliOptions {
  url: string | null;
  format: OutputFormat;
  out: string | null;
  /** `undefined`: from the environment. */
  proxy: string | undefined;
  maxPages: number | undefined;
  timeoutMs: number | undefined;
  concurrency: number | undefined;
  file: string | null;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: CliOptions }
  | { kind: 'usage-error'; message: string };

/**
 * Parse and check the arguments (without `node` and the script).
 * @returns what to do, or a usage error in one line.
 */
export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        proxy: { type: 'string' },
        'max-pages': { type: 'string' },
        timeout: { type: 'string' },
        concurrency: { type: 'string' },
        file: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    // Node's messages go on with advice about '--'; the first sentence is the point.
    const message = (error as Error).message.split('\n')[0]?.split('. To specify a positional')[0] ?? 'bad arguments';
    return { kind: 'usage-error', message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const error = (message: string): ParsedArgs => ({ kind: 'usage-error', message });
  const format = values.format ?? 'md';
  if (!isOutputFormat(format)) return error(`unknown format "${format}" (use ${OUTPUT_FORMATS.join(', ')})`);

  if (positionals.length > 1) return error(`one URL at a time (got ${positionals.length}: ${positionals.join(' ')})`);
  const given = positionals[0] ?? values.url ?? null;
  if (positionals[0] && values.url && positionals[0] !== values.url) return error('give the URL once: either as an argument or with --url');
  if (!given && !values.file) return error('no URL given');
  let url: string | null = null;
  if (given) {
    url = normalizeUrl(given);
    if (!url) return error(`not a web address: ${given}`);
  }

  const numbers: Array<[string, string | undefined, number, number]> = [
    ['--max-pages', values['max-pages'], 1, 1000],
    ['--timeout', values.timeout, 1, 3_600_000],
    ['--concurrency', values.concurrency, 1, MAX_CONCURRENCY],
  ];
  const parsedNumbers: Array<number | undefined> = [];
  for (const [name, raw, min, max] of numbers) {
    if (raw === undefined) {
      parsedNumbers.push(undefined);
      continue;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      return error(`${name} needs a whole number from ${min} to ${max} (got "${raw}")`);
    }
    parsedNumbers.push(n);
  }

  if (values.proxy !== undefined && values.proxy !== '') {
    const problem = checkProxyUrl(values.proxy);
    if (problem) return error(`--proxy: ${problem}`);
  }
  if (values.out === '') return error('--out needs a file name');
  if (values.file === '') return error('--file needs a file name');

  return {
    kind: 'run',
    options: {
      url,
      format,
      out: values.out && values.out !== '-' ? values.out : null,
      proxy: values.proxy,
      maxPages: parsedNumbers[0],
      timeoutMs: parsedNumbers[1],
      concurrency: parsedNumbers[2],
      file: values.file ?? null,
    },
  };
}

/** An http(s) URL, with `http://` added to a bare "host/path"; null when it is not one. */
function normalizeUrl(value: string): string | null {
  const trimmed = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : /^[\w.-]+\.[a-z]{2,}(?::\d+)?(\/|$)/i.test(trimmed) ? `http://${trimmed}` : trimmed;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * The address a saved page records about itself: the "saved from url" comment browsers write,
 * then `<link rel="canonical">`, `og:url`, `<base href>`.
 */
export function urlFromSavedPage(html: string): string | null {
  const head = html.slice(0, 200_000);
  const candidates = [
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head)?.[1],
    /<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i.exec(head)?.[0]?.match(/\bhref=["']?([^"'\s>]+)/i)?.[1],
    /<meta\b[^>]*\bproperty=["']?og:url["']?[^>]*>/i.exec(head)?.[0]?.match(/\bcontent=["']?([^"'\s>]+)/i)?.[1],
    /<base\b[^>]*\bhref=["']?([^"'\s>]+)/i.exec(head)?.[1],
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const url = normalizeUrl(candidate.replace(/&amp;/g, '&'));
    if (url) return url;
  }
  return null;
}

/**
 * One plain line saying why nothing could be read, from an error of `readWholeArticle` (an
 * `ArticleError` with a `code`) or anything else thrown on the way.
 */
export function describeReadError(error: unknown, url: string): string {
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  const rawMessage = typeof e?.message === 'string' ? e.message : String(error);
  // ArticleError messages are "<url>: <reason>".
  const reason = rawMessage.startsWith(`${url}: `) ? rawMessage.slice(url.length + 2) : rawMessage.replace(/^\S+:\/\/\S+: /, '');
  const code = typeof e?.code === 'string' ? e.code : '';
  const plain = stripErrorName(reason);
  let what: string;
  if (code === 'too-large' || /too large/i.test(plain)) {
    // The fetch's own limit reads "response too large (over 20 MB): <url>".
    what = plain.replace(/^response too large/i, 'too large').replace(/: \S+:\/\/\S+$/, '');
  } else if (code === 'unreachable') {
    const detail = plain.replace(/^network error: /, '');
    what = /\bproxy\b/.test(detail) ? detail : `unreachable host: ${detail}`;
  } else if (code === 'timeout') {
    what = plain.startsWith('timed out') ? plain : `timed out: ${plain}`;
  } else if (code === 'content-type') {
    what = `not a web page (${plain})`;
  } else if (code === 'not-article' || code === 'empty') {
    what = `not an article (${plain})`;
  } else if (code === 'aborted' || e?.name === 'AbortError') {
    what = 'interrupted';
  } else {
    what = plain;
  }
  return `cannot read ${url}: ${what}`;
}

function stripErrorName(message: string): string {
  return message.replace(/^(?:[A-Z]\w*Error|Error): /, '');
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function write(stream: CliIo['stdout'], text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Run the command.
 * @param argv the arguments after the script name.
 * @returns the exit status ({@link EXIT}).
 */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const out: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    signal: io.signal,
    onArticle: io.onArticle,
  };
  const say = (line: string): void => void out.stderr.write(`wholestory: ${line}\n`);

  const args = parseCliArgs(argv);
  if (args.kind === 'help') {
    await write(out.stdout, USAGE);
    return EXIT.ok;
  }
  if (args.kind === 'version') {
    await write(out.stdout, `wholestory ${readVersion()}\n`);
    return EXIT.ok;
  }
  if (args.kind === 'usage-error') {
    say(args.message);
    out.stderr.write(SHORT_USAGE);
    return EXIT.usage;
  }
  const options = args.options;

  // The saved page, if any.
  let html: string | undefined;
  let url = options.url;
  if (options.file) {
    const file = path.resolve(out.cwd, options.file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      say(`cannot read ${options.file}: ${describeWriteError(error).replace('the folder does not exist', 'no such file')}`);
      return EXIT.failed;
    }
    const { decodeHtml } = await import('../pipeline/decode');
    html = decodeHtml(bytes, null).html;
    url ??= urlFromSavedPage(html);
    if (!url) {
      say(`--file: ${options.file} does not say which address it was saved from; give it with --url URL`);
      out.stderr.write(SHORT_USAGE);
      return EXIT.usage;
    }
  }
  if (!url) {
    say('no URL given');
    return EXIT.usage;
  }

  const started = Date.now();
  const { createFirstFetch, createNodeFetch } = await import('./node-fetch');
  const fetchOptions = { proxy: options.proxy, env: out.env };
  // The HTTP client (undici) loads once an http: page is asked for (on Node's own client, straight
  // or through an HTTP proxy; node-fetch.ts createFirstFetch), not for --help; jsdom loads the
  // same copy later.
  let made: NodeFetch | undefined;
  const nodeFetch = (): NodeFetch => (made ??= createNodeFetch(fetchOptions));
  const viaNodeFetch: FetchLike = (target, init) => nodeFetch()(target, init);
  // The page is requested first: jsdom and the pipeline load while it is on its way, and the
  // pages its pager names are requested the moment it arrives (src/cli/early-pages.ts).
  // As many at once as the read itself would ask for.
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const concurrency = options.concurrency ?? Math.min(maxPages, MAX_CONCURRENCY);
  const early = import('./early-pages');
  const pageUrl = url;
  const pagesOf = (bytes: Uint8Array, contentType: string | null) => early.then((m) => m.pagesNamedInBytes(bytes, contentType, pageUrl, maxPages).slice(0, concurrency));
  const firstFetch = html === undefined ? (createFirstFetch(url, fetchOptions, nodeFetch) ?? undefined) : undefined;
  const first = html === undefined ? withFirstRequest(viaNodeFetch, url, out.signal, maxPages > 1 ? pagesOf : undefined, firstFetch) : null;
  // undici then, a turn of the event loop later: the request's headers go out meanwhile, when
  // the connection is that quick (else the connection is still being made while undici loads).
  if (firstFetch) await new Promise((resolve) => setImmediate(resolve));
  // jsdom on the other core from now on, for DOMPurify and the output (jsdom-thread.ts); the
  // bundle's only (else null: the sources load jsdom here).
  const thread = (await import('./jsdom-thread')).startJsdomThread();
  try {
    nodeFetch();
  } catch (error) {
    first?.done();
    throw error;
  }
  const fetch = first?.fetch ?? viaNodeFetch;
  const progressShown = out.stderr.isTTY === true;
  let article: WholeArticle;
  try {
    const pipeline = import('../pipeline/read-whole-article');
    await early.catch(() => undefined);
    // A package at a time, so that the page's answer is read (and its pager's pages requested) meanwhile.
    if (!thread) await (await import('./node-packages')).loadJsdomStepwise(() => first?.scanning() ?? null);
    const [{ readWholeArticle }, { createNodeDom }, { threadedDom }] = await Promise.all([pipeline, import('./node-dom'), import('./threaded-dom')]);
    // Pages parsed by domino where its tree is jsdom's (domino-dom.ts), by jsdom where not.
    const threaded = thread ? threadedDom(thread) : null;
    const dom = threaded ?? createNodeDom({ pages: 'gated' });
    article = await readWholeArticle({
      url,
      html,
      fetch,
      dom,
      maxPages: options.maxPages,
      concurrency,
      timeoutMs: options.timeoutMs,
      // A long per-page limit must not be cut short by the whole-article default (60 s).
      totalTimeoutMs: options.timeoutMs ? Math.max(60_000, options.timeoutMs * 4) : undefined,
      signal: out.signal,
      onProgress: progressShown ? (p: Progress) => showProgress(out.stderr, p) : undefined,
    });
    if (progressShown) out.stderr.write('\r\x1b[K');
    if (!article.textContent.trim() && !article.contentHtml.trim()) {
      say(`cannot read ${url}: not an article (no article text found)`);
      return EXIT.failed;
    }
    out.onArticle?.(article, Date.now() - started);
    const { formatArticle, describeFailedPages } = await import('./article-output');
    const text = threaded ? threaded.format(article, options.format) : formatArticle(article, options.format, dom);
    if (article.failedPages.length > 0) {
      say(
        `warning: incomplete article: ${article.failedPages.length} of ${article.pageCount} pages could not be loaded:`,
      );
      for (const line of describeFailedPages(article)) say(`  ${line}`);
    }
    if (options.out) {
      try {
        await writeFileAtomic(path.resolve(out.cwd, options.out), text);
      } catch (error) {
        say(`cannot write ${options.out}: ${describeWriteError(error)}`);
        return EXIT.failed;
      }
      if (progressShown) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        say(`wrote ${options.out} (${article.pageCount - article.failedPages.length} of ${article.pageCount} pages, ${seconds} s)`);
      }
    } else {
      await write(out.stdout, text);
    }
    return EXIT.ok;
  } catch (error) {
    if (progressShown) out.stderr.write('\r\x1b[K');
    if (out.signal?.aborted) {
      say('interrupted');
      return EXIT.interrupted;
    }
    say(describeReadError(error, url));
    if (out.env.WHOLESTORY_DEBUG && error instanceof Error && error.stack) out.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  } finally {
    first?.done();
    made?.close();
    thread?.close();
    // After a build (or a Node upgrade): the next read loads jsdom and undici from V8's code cache.
    (await import('./node-packages')).saveCodeCaches();
  }
}

function showProgress(stderr: CliIo['stderr'], p: Progress): void {
  const total = p.totalKnown ? `${p.total}` : `${p.total}+`;
  stderr.write(`\r\x1b[KLoading pages: ${p.done} of ${total}…`);
}
