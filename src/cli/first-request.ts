/**
 * The command's first request, sent before anything else is loaded: the page given is requested at
 * once, and jsdom and the pipeline load while it is in flight (src/cli/main.ts). The read then asks
 * for that page through {@link withFirstRequest}'s fetch and gets the response already under way.
 */
import type { FetchLike, ResponseLike } from '../pipeline/types';

/** What src/pipeline/load-page.ts asks for, so the early request is the one it would send. */
const PAGE_REQUEST = {
  headers: { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
  redirect: 'manual' as const,
};

export interface FirstRequest {
  /** `fetch`, except that its first request for the URL (as the pipeline sends it) is the early one. */
  fetch: FetchLike;
  /** Stops the early request if the read never asked for it. */
  done(): void;
}

/**
 * Request `url` now; the returned fetch hands that response to the first request for `url` with
 * `redirect: 'manual'` (how the pipeline loads a page) and passes every other request through.
 * Aborting that request's signal (its page timeout, Ctrl-C) aborts the early one.
 */
export function withFirstRequest(fetch: FetchLike, url: string, signal?: AbortSignal): FirstRequest {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  let early: Promise<ResponseLike> | null = fetch(url, { ...PAGE_REQUEST, signal: controller.signal });
  // Until it is claimed nobody awaits it: a failure is handled by whoever claims it.
  early.catch(() => undefined);
  const release = () => signal?.removeEventListener('abort', onAbort);
  return {
    fetch(target, init) {
      if (early && target === url && init?.redirect === 'manual') {
        const response = early;
        early = null;
        const own = init.signal;
        if (own?.aborted) controller.abort(own.reason);
        else own?.addEventListener('abort', () => controller.abort(own.reason), { once: true });
        return response;
      }
      return fetch(target, init);
    },
    done() {
      release();
      if (early) controller.abort();
      early = null;
    },
  };
}
