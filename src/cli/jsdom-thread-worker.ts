/**
 * The command's jsdom thread (src/cli/jsdom-thread.ts): jsdom loaded, DOMPurify and the output's
 * Markdown and HTML made here, on the machine's other core, while the main thread fetches and
 * reads the pages (parsed by domino). Each answer goes to `port` and then wakes the main thread
 * waiting on `flag`. Built into the bundle only (scripts/build-cli.mjs).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { OutputFormat } from './format-option';
import type { WholeArticle } from '../pipeline/types';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

export type ThreadRequest =
  | { id: number; kind: 'sanitize'; html: string }
  | { id: number; kind: 'format'; article: WholeArticle; format: OutputFormat }
  | { id: number; kind: 'close' };
export type ThreadAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

function answer(message: ThreadAnswer): void {
  port.postMessage(message);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

const tools = (async () => {
  const [{ createNodeDom }, { sanitizedArticle }, { formatArticle }, packages] = await Promise.all([
    import('./node-dom'),
    import('../pipeline/assemble'),
    import('./article-output'),
    import('./node-packages'),
  ]);
  const dom = createNodeDom();
  // DOMPurify's instance and its hooks made now, not when the article is waiting for them.
  sanitizedArticle('<p>x</p>', dom.window);
  // After a build: jsdom's code cache, in case the read ends before this thread's last answer.
  packages.saveCodeCaches();
  return { dom, sanitizedArticle, formatArticle, saveCodeCaches: packages.saveCodeCaches };
})();
// A failure is told with the first request (the main thread then does the work itself).
tools.catch(() => undefined);

parentPort?.on('message', (request: ThreadRequest) => {
  tools.then(
    (t) => {
      try {
        if (request.kind === 'sanitize') answer({ id: request.id, ok: true, value: t.sanitizedArticle(request.html, t.dom.window) });
        else if (request.kind === 'format') answer({ id: request.id, ok: true, value: t.formatArticle(request.article, request.format, t.dom) });
        else {
          t.saveCodeCaches();
          answer({ id: request.id, ok: true, value: null });
        }
      } catch (error) {
        answer({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    (error: unknown) => answer({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
