/**
 * The jsdom thread's protocol and its fallbacks (jsdom-thread.ts, threaded-dom.ts), with small
 * worker files written here: one that answers, one that breaks as it loads, one that never
 * answers. The real worker (the bundle's) is read end to end in bundle.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWholeArticle } from '../pipeline/read-whole-article';
import { formatArticle } from './article-output';
import { startJsdomThread, type JsdomThread } from './jsdom-thread';
import { createNodeDom } from './node-dom';
import { threadedDom } from './threaded-dom';

const dir = mkdtempSync(path.join(tmpdir(), 'ws-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function workerFile(name: string, body: string): string {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\nconst { port, flag } = workerData;\n${body}\n`);
  return file;
}

const ANSWERING = workerFile(
  'answering',
  `parentPort.on('message', (r) => {
     const value = r.kind === 'sanitize' ? { html: r.html.toUpperCase(), text: 'T' } : r.kind === 'format' ? 'formatted ' + r.format : null;
     if (r.kind === 'format' && r.format === 'html') port.postMessage({ id: r.id, ok: false, error: 'no html here' });
     else port.postMessage({ id: r.id, ok: true, value });
     Atomics.add(flag, 0, 1);
     Atomics.notify(flag, 0);
   });`,
);
const BROKEN = workerFile('broken', `throw new Error('damaged worker');`);
const SILENT = workerFile('silent', `parentPort.on('message', () => {});`);

const turn = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startJsdomThread', () => {
  it('is null where the worker file is not (the sources)', () => {
    expect(startJsdomThread({ file: path.join(dir, 'missing.mjs') })).toBeNull();
  });

  it('asks synchronously and gets each answer; an error answer hands the work back for good', () => {
    const thread = startJsdomThread({ file: ANSWERING })!;
    expect(thread.ask({ kind: 'sanitize', html: '<p>a</p>' })).toEqual({ html: '<P>A</P>', text: 'T' });
    expect(thread.ask({ kind: 'format', article: {} as never, format: 'md' })).toBe('formatted md');
    expect(thread.ask({ kind: 'format', article: {} as never, format: 'html' })).toBeUndefined();
    // Broken from then on: the main thread does the rest itself.
    expect(thread.ask({ kind: 'format', article: {} as never, format: 'md' })).toBeUndefined();
    thread.close();
  });

  it('hands the work back when the worker broke as it loaded', async () => {
    const thread = startJsdomThread({ file: BROKEN, timeoutMs: 30_000 })!;
    expect(thread).not.toBeNull();
    await turn(300);
    const started = Date.now();
    expect(thread.ask({ kind: 'sanitize', html: '<p>a</p>' })).toBeUndefined();
    // Known broken already: not waited for.
    expect(Date.now() - started).toBeLessThan(5_000);
    thread.close();
  });

  it('hands the work back when the worker does not answer in time, and asks it nothing more', () => {
    const thread = startJsdomThread({ file: SILENT, timeoutMs: 200 })!;
    expect(thread.ask({ kind: 'sanitize', html: '<p>a</p>' })).toBeUndefined();
    const started = Date.now();
    expect(thread.ask({ kind: 'sanitize', html: '<p>b</p>' })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(150);
    thread.close();
  });
});

describe('threadedDom', () => {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour report</title></head><body><article>
    <h1>Harbour report</h1>${'<p>The harbour reopened on Monday after repairs to the sea wall, and the first ferries arrived before noon with passengers and freight. <a href="/more">More</a> <img src="/p.jpg" alt="Ferry" onerror="alert(1)"></p>'.repeat(8)}
    </article></body></html>`;
  const url = 'http://news.example.org/2026/12/harbour.html';
  const read = (dom: ReturnType<typeof createNodeDom>) =>
    readWholeArticle({ url, html, dom, fetch: () => Promise.reject(new Error('no fetching here')), maxPages: 1 });

  it('gives what the jsdom-only environment gives when the thread can do nothing', async () => {
    const refused: JsdomThread = { ask: () => undefined, close: () => undefined };
    const threaded = threadedDom(refused);
    const [viaThread, viaJsdom] = await Promise.all([read(threaded), read(createNodeDom())]);
    expect(viaThread.contentHtml).toBe(viaJsdom.contentHtml);
    expect(viaThread.contentHtml).not.toContain('onerror');
    for (const format of ['md', 'html', 'text', 'json'] as const) {
      expect(threaded.format(viaThread, format), format).toBe(formatArticle(viaJsdom, format, createNodeDom()));
    }
  });

  it("uses the thread's answers for sanitizing and for Markdown and HTML, never for text and JSON", async () => {
    const asked: string[] = [];
    const thread: JsdomThread = {
      ask: <T,>(request: { kind: string; format?: string }) => (asked.push(request.format ?? request.kind), (request.kind === 'sanitize' ? { html: '<p>from the thread</p>', text: 'from the thread' } : `thread ${request.format}`) as T),
      close: () => undefined,
    };
    const threaded = threadedDom(thread);
    const article = await read(threaded);
    expect(article.contentHtml).toBe('<p>from the thread</p>');
    expect(threaded.format(article, 'md')).toBe('thread md');
    expect(threaded.format(article, 'html')).toBe('thread html');
    expect(threaded.format(article, 'text')).not.toContain('thread text');
    expect(asked).toEqual(['sanitize', 'md', 'html']);
  });
});
