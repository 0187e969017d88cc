import type { ResponseLike } from './types';

/**
 * A response body read as it streams, given up (and the stream cancelled, freeing the connection)
 * once it passes `maxBytes`: null then. A fetch without a stream is read whole.
 */
export async function readCapped(response: Pick<ResponseLike, 'body' | 'arrayBuffer'>, maxBytes: number): Promise<Uint8Array | null> {
  const stream = response.body;
  if (!stream || typeof stream.getReader !== 'function') return new Uint8Array(await response.arrayBuffer());
  return readStreamCapped(stream, maxBytes);
}

/** A byte stream read to its end into one array; null (and the stream cancelled) once it passes `maxBytes`. */
export async function readStreamCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
