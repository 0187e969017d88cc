/**
 * A read's DOM environment whose jsdom work is the jsdom thread's (jsdom-thread.ts): pages parsed
 * by domino where its tree is jsdom's (domino-dom.ts), DOMPurify and the Markdown/HTML output on
 * the thread. What the thread cannot do is done here by the main thread's own jsdom, made then
 * (as it is for a page that needs jsdom to parse): the same code, so the same output.
 */
import { sanitizedArticle } from '../pipeline/assemble';
import type { DomEnvironment, SanitizedArticle, WholeArticle } from '../pipeline/types';
import { formatArticle } from './article-output';
import { gatedParse } from './domino-dom';
import type { OutputFormat } from './format-option';
import type { JsdomThread } from './jsdom-thread';
import { createNodeDom } from './node-dom';

/** A DOM environment with the output's formatting beside it. */
export interface ThreadedDom extends DomEnvironment {
  format(article: WholeArticle, format: OutputFormat): string;
}

export function threadedDom(thread: JsdomThread): ThreadedDom {
  let local: DomEnvironment | undefined;
  const localDom = (): DomEnvironment => (local ??= createNodeDom());
  return {
    parse: gatedParse((html, url) => localDom().parse(html, url)),
    get window() {
      return localDom().window;
    },
    sanitizeArticle(html: string): SanitizedArticle {
      return thread.ask<SanitizedArticle>({ kind: 'sanitize', html }) ?? sanitizedArticle(html, localDom().window);
    },
    format(article, format) {
      if (format !== 'md' && format !== 'html') return formatArticle(article, format);
      return thread.ask<string>({ kind: 'format', article, format }) ?? formatArticle(article, format, localDom());
    },
  };
}
