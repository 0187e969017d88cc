/**
 * The background's fetch for the reader page, used only when the reader's own `fetch` fails
 * (a browser that refuses a cross-origin request from an extension page). The bytes travel as
 * base64 because runtime messages carry JSON.
 */
import type { FetchedPage } from '../messaging';
import { bytesToBase64 } from '../base64';
import { readCapped } from '../pipeline/read-capped';

/** Bodies over this size are refused, like the pipeline's own limit. */
const MAX_BYTES = 10 * 1024 * 1024;
/**
 * The whole request, body included, is given up after this long: the reader that asked may have
 * timed out or closed (it cannot cancel a message), and the background must not hold the request.
 */
const TIMEOUT_MS = 20_000;

export async function fetchPageForReader(url: string, accept?: string, limits: { timeoutMs?: number; maxBytes?: number } = {}): Promise<FetchedPage> {
  const timeoutMs = limits.timeoutMs ?? TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? MAX_BYTES;
  if (!/^https?:\/\//i.test(url)) return { ok: false, error: 'not an http(s) URL' };
  try {
    const response = await fetch(url, {
      headers: { Accept: accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      credentials: 'omit',
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const bytes = await readCapped(response, maxBytes);
    if (!bytes) return { ok: false, error: `too large (over ${maxBytes} bytes)` };
    return {
      ok: true,
      status: response.status,
      statusText: response.statusText,
      url: response.url || url,
      contentType: response.headers.get('content-type'),
      contentLength: response.headers.get('content-length'),
      bodyBase64: bytesToBase64(bytes),
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { ok: false, error: `no answer within ${timeoutMs / 1000} s` };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
