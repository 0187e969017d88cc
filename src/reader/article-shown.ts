/**
 * The reader's one signal that an article is on screen: after a live read, a saved copy, or a
 * retried page put its text into `#reader-content`. Reading features (listen, table of contents,
 * script conversion, reading position…) listen for it instead of each being called from the
 * places that render.
 */
import type { WholeArticle } from '../pipeline/types';

export type ArticleSource = 'tab' | 'network' | 'library';

export interface ArticleShown {
  article: WholeArticle;
  /** Where it came from; `retry` when a failed page was brought in after the first render. */
  source: ArticleSource;
  /** The library id for a saved copy (or once this article is saved), else null. */
  savedId: string | null;
  /** What changed: the whole article, or one page put in by Retry. */
  change: 'article' | 'retried-page';
}

const EVENT = 'wholestory:article-shown';

export function announceArticleShown(doc: Document, detail: ArticleShown): void {
  doc.dispatchEvent(new (doc.defaultView ?? globalThis).CustomEvent<ArticleShown>(EVENT, { detail }));
}

/** Calls `listener` each time an article (or a retried page) is shown; returns the unsubscribe. */
export function onArticleShown(doc: Document, listener: (shown: ArticleShown) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ArticleShown>).detail);
  doc.addEventListener(EVENT, handler);
  return () => doc.removeEventListener(EVENT, handler);
}

const SCRIPT_SHOWN = 'wholestory:script-shown';

/** The article's words were put in another script (script-view.ts): Simplified, Traditional… or back to the original. */
export function announceScriptShown(doc: Document, script: string): void {
  doc.dispatchEvent(new (doc.defaultView ?? globalThis).CustomEvent<{ script: string }>(SCRIPT_SHOWN, { detail: { script } }));
}

/** Calls `listener` each time the article's words are shown in another script; returns the unsubscribe. */
export function onScriptShown(doc: Document, listener: (script: string) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<{ script: string }>).detail.script);
  doc.addEventListener(SCRIPT_SHOWN, handler);
  return () => doc.removeEventListener(SCRIPT_SHOWN, handler);
}
