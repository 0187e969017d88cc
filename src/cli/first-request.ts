/**
 * The command's first request, sent before anything else is loaded: the page given is requested at
 * once, and jsdom and the pipeline load while it is in flight (src/cli/main.ts). The read then asks
 * for that page through {@link withFirstRequest}'s fetch and gets the response already under way.
 */
import { readStreamCapped } from '../pipeline/read-capped';
import type { FetchLike, ResponseLike } from '../pipeline/types';
import { urlKey } from '../pipeline/url';

/** What src/pipeline/load-page.ts asks for, so the early request is the one it would send. */
const PAGE_REQUEST = {
  headers: { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
  redirect: 'manual' as const,
};

export interface FirstRequest {
  /**
   * `fetch`, except that its first request for the URL (as the pipeline sends it) is the early one,
   * and so is the first request for each page the early one's markup named (`pagesOf`).
   */
  fetch: FetchLike;
  /** Stops the early requests the read never asked for. */
  done(): void;
  /**
   * While the first page's answer is being read for the pages it names: until that is done (so
   * that CPU-heavy work can wait the few milliseconds it takes); null before it arrived and after.
   */
  scanning(): Promise<void> | null;
}

/**
 * The other pages named in the first page's markup (src/cli/early-pages.ts), requested as soon
 * as that page arrives: `bytes` are its body (a body over {@link SCANNED_BYTES} is not scanned).
 */
export type PagesOf = (bytes: Uint8Array, contentType: string | null) => Promise<readonly string[]> | readonly string[];

/** The largest first page read for `pagesOf` (the pipeline reads it in any case). */
const SCANNED_BYTES = 2 * 1024 * 1024;

/**
 * Turns of the event loop given to the requests just sent before the read gets the page's end:
 * they get their connections and write their headers, which they cannot while the read parses
 * the page (one long synchronous run). Measured on the 10-page bench article: with none, pages
 * 2-10 were requested ~155 ms after page 1 arrived; with one or more, ~25 ms.
 */
const TURNS = 2;
async function turns(): Promise<void> {
  for (let i = 0; i < TURNS; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A request sent before the read asked for it, until the read claims it. */
interface Early {
  response: Promise<ResponseLike>;
  controller: AbortController;
}

/**
 * Request `url` now; the returned fetch hands that response to the first request for `url` with
 * `redirect: 'manual'` (how the pipeline loads a page) and passes every other request through.
 * Aborting that request's signal (its page timeout, Ctrl-C) aborts the early one. With `pagesOf`,
 * the pages it names in the page's markup are requested the moment the page arrives (while jsdom
 * still loads) and handed over the same way. `firstFetch` sends the request for `url` itself
 * (node-fetch.ts createFirstFetch: before the HTTP client every other request takes has loaded).
 */
export function withFirstRequest(fetch: FetchLike, url: string, signal?: AbortSignal, pagesOf?: PagesOf, firstFetch: FetchLike = fetch): FirstRequest {
  const early = new Map<string, Early>();
  // One listener on the command's signal for all of them (not one each: Node warns past ten).
  const onAbort = () => {
    for (const entry of early.values()) entry.controller.abort(signal?.reason);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  const stopped = () => finished || signal?.aborted === true;
  const send = (target: string, by = fetch): Promise<ResponseLike> => {
    const controller = new AbortController();
    if (stopped()) controller.abort(signal?.reason);
    const response = by(target, { ...PAGE_REQUEST, signal: controller.signal });
    // Until it is claimed nobody awaits it: a failure is handled by whoever claims it.
    response.catch(() => undefined);
    early.set(urlKey(target), { response, controller });
    return response;
  };
  const first = send(url, firstFetch);
  let scan: Promise<void> | null = null;
  if (pagesOf) {
    const entry = early.get(urlKey(url)) as Early;
    entry.response = first.then((response) => {
      if (!response.ok || !response.body || typeof response.body.tee !== 'function') return response;
      const [scanned, teed] = response.body.tee();
      const scanned$ = readStreamCapped(scanned, SCANNED_BYTES)
        .then(async (bytes) => {
          if (!bytes || stopped()) return;
          for (const page of await pagesOf(bytes, response.headers.get('content-type'))) if (!early.has(urlKey(page)) && !stopped()) send(page);
        })
        .catch(() => undefined)
        .finally(() => {
          scan = null;
        });
      scan = scanned$;
      // The read's copy ends once the scan is done: the pages named are requested before the
      // read parses the page (CPU-heavy, one long synchronous run), not after.
      const kept = typeof teed.pipeThrough === 'function' ? teed.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: () => scanned$.then(turns) })) : teed;
      return {
        ok: response.ok,
        status: response.status,
        statusText: response.statusText,
        url: response.url,
        headers: response.headers,
        type: response.type,
        body: kept,
        arrayBuffer: async () => (await readStreamCapped(kept, Infinity))!.buffer,
      };
    });
    entry.response.catch(() => undefined);
  }
  const claimed = new Set<string>();
  const release = () => signal?.removeEventListener('abort', onAbort);
  return {
    fetch(target, init) {
      const key = urlKey(target);
      const entry = early.get(key);
      if (entry && !claimed.has(key) && init?.redirect === 'manual') {
        claimed.add(key);
        const own = init.signal;
        if (own?.aborted) entry.controller.abort(own.reason);
        else own?.addEventListener('abort', () => entry.controller.abort(own.reason), { once: true });
        return entry.response;
      }
      return fetch(target, init);
    },
    scanning: () => scan,
    done() {
      finished = true;
      release();
      for (const [key, entry] of early) if (!claimed.has(key)) entry.controller.abort();
    },
  };
}

