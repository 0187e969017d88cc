/**
 * jsdom on a thread of its own (issue 10). The command's process is busy from start to end: loading
 * jsdom (~180 ms of CPU) was a third of a 2-page read, on the same core as the fetching and the
 * reading. With the pages parsed by domino (domino-dom.ts), jsdom is needed only at the end, for
 * DOMPurify and the Markdown/HTML output: a worker thread (jsdom-thread-worker.ts) loads it on the
 * other core from the start, and the main thread asks it for those two things synchronously
 * (Atomics.wait, then the answer read off a MessagePort), so the pipeline stays as it is
 * (DomEnvironment.sanitizeArticle).
 *
 * Same code, same jsdom, same output: only the thread differs. Anything the thread cannot do (it
 * failed to start or to load, it answered an error, it did not answer within THREAD_TIMEOUT_MS) is
 * done on the main thread by its own jsdom, loaded then. Only in the bundle (the worker's file is
 * built there); the sources run jsdom on the main thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ThreadAnswer, ThreadRequest } from './jsdom-thread-worker';

/** How long a request may wait for the thread (loading jsdom takes ~0.3 s, a huge article's sanitizing seconds). */
export const THREAD_TIMEOUT_MS = 60_000;

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The jsdom thread, asked synchronously. */
export interface JsdomThread {
  /** The thread's answer; undefined when the main thread must do the work itself (from then on, always). */
  ask<T>(request: Distribute<ThreadRequest>): T | undefined;
  /** End the thread; one that has answered saves its code cache first (after a build). */
  close(): void;
}

/** The worker's file beside this chunk: the bundle's. */
const workerFile = (): string => path.join(path.dirname(fileURLToPath(import.meta.url)), 'jsdom-thread-worker.mjs');

/**
 * Start the jsdom thread now; null where there is none (the sources) or it cannot start.
 * Kept light (Node's modules only): it starts while the first page is on its way.
 * @param timeoutMs how long one request may wait for an answer before the main thread does it.
 */
export function startJsdomThread({ timeoutMs = THREAD_TIMEOUT_MS, file = workerFile() }: { timeoutMs?: number; file?: string } = {}): JsdomThread | null {
  if (!existsSync(file)) return null;
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: { port: port2, flag }, transferList: [port2] });
  } catch {
    return null;
  }
  worker.unref();
  let broken = false;
  worker.on('error', () => (broken = true));
  worker.on('exit', () => (broken = true));
  let lastId = 0;
  let answered = false;

  const ask = <T>(request: Distribute<ThreadRequest>): T | undefined => {
    if (broken) return undefined;
    const id = ++lastId;
    worker.postMessage({ ...request, id });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(flag, 0);
      let got = receiveMessageOnPort(port1);
      while (got && (got.message as ThreadAnswer).id !== id) got = receiveMessageOnPort(port1);
      if (got) {
        const message = got.message as ThreadAnswer;
        if (message.ok) {
          answered = true;
          return message.value as T;
        }
        broken = true;
        return undefined;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        broken = true;
        void worker.terminate();
        return undefined;
      }
      Atomics.wait(flag, 0, seen, Math.min(left, 1000));
    }
  };
  return {
    ask,
    close() {
      // Not waited for when the thread never answered (a read that failed early): it saved its
      // code cache once loaded already.
      if (!broken && answered) ask({ kind: 'close' });
      broken = true;
      port1.close();
      void worker.terminate();
    },
  };
}
