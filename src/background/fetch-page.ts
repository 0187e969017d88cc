/**
 * The background's fetch for the reader page, used only when the reader's own `fetch` fails
 * (a browser that refuses a cross-origin request from an extension page). The bytes travel as
 * base64 because runtime messages carry JSON.
 */
import type { FetchedPage } from '../messaging';
import { bytesToBase64 } from '../base64';

/** Bodies over this size are refused, like the pipeline's own limit. */
const MAX_BYTES = 10 * 1024 * 1024;

export async function fetchPageForReader(url: string, accept?: string): Promise<FetchedPage> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, error: 'not an http(s) URL' };
  try {
    const response = await fetch(url, {
      headers: { Accept: accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      credentials: 'omit',
      redirect: 'follow',
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_BYTES) return { ok: false, error: `too large (${bytes.length} bytes)` };
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
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
