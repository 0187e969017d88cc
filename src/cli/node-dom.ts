import type { VirtualConsole } from 'jsdom';
import type { DomEnvironment } from '../pipeline/types';
import { gatedParse, PARSER_URL } from './domino-dom';
import { jsdom } from './node-packages';

let quietConsole: VirtualConsole | undefined;

/**
 * Documents parsed per jsdom window before a fresh one takes over. jsdom's window keeps every
 * element with an `id` (or a `name` on img/form/…) of every document it created in its
 * named-property table until the element is detached, so one window for a whole process would hold
 * every page ever read (the fuzz run grew without bound). A retired window is collected with its
 * documents once nothing uses them.
 */
const DOCUMENTS_PER_WINDOW = 32;

function freshWindow(): Window & typeof globalThis {
  const { JSDOM, VirtualConsole } = jsdom();
  quietConsole ??= new VirtualConsole();
  return new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: PARSER_URL,
    virtualConsole: quietConsole,
  }).window as unknown as Window & typeof globalThis;
}

/**
 * The pipeline's DOM environment in Node: pages parsed by jsdom, or with `pages: 'gated'` (one
 * read's environment, the command's where it has no jsdom thread: domino-dom.ts) by domino where its tree
 * should be jsdom's; scripts never run, no resource loading, CSS parse errors
 * kept quiet. One jsdom window parses the pages domino does not and gives DOMPurify (and the
 * Markdown output) its documents: a second window cost a read as much as parsing a small page.
 */
export function createNodeDom({ pages = 'jsdom' }: { pages?: 'gated' | 'jsdom' } = {}): DomEnvironment {
  let window = freshWindow();
  let parser = new window.DOMParser();
  let uses = 0;
  // Every use may add documents to the window: rotated every DOCUMENTS_PER_WINDOW uses.
  const use = (): void => {
    if (++uses % DOCUMENTS_PER_WINDOW !== 0) return;
    window = freshWindow();
    parser = new window.DOMParser();
  };
  // DOMParser documents are inert (no scripts, no loads) and twice as cheap as a JSDOM per page.
  // Their URL is the parser window's: the pipeline resolves every URL against the page's own
  // address explicitly, exactly as it must in the reader page, where DOMParser behaves the same.
  const parseWithJsdom = (html: string, _url: string): Document => {
    use();
    return parser.parseFromString(html, 'text/html');
  };
  return {
    parse: pages === 'jsdom' ? parseWithJsdom : gatedParse(parseWithJsdom),
    // DOMPurify parses each article in this window's documents.
    get window(): Window & typeof globalThis {
      use();
      return window;
    },
  };
}
