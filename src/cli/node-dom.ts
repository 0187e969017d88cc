import { JSDOM, VirtualConsole } from 'jsdom';
import type { DomEnvironment } from '../pipeline/types';

const quietConsole = new VirtualConsole();

/**
 * Documents parsed per jsdom window before a fresh one takes over. jsdom's window keeps every
 * element with an `id` (or a `name` on img/form/…) of every document it created in its
 * named-property table until the element is detached, so one window for a whole process would hold
 * every page ever read (the fuzz run grew without bound). A retired window is collected with its
 * documents once nothing uses them.
 */
const DOCUMENTS_PER_WINDOW = 32;

function freshWindow(): Window & typeof globalThis {
  return new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://wholestory.invalid/',
    virtualConsole: quietConsole,
  }).window as unknown as Window & typeof globalThis;
}

/**
 * The pipeline's DOM environment in Node: jsdom, scripts never run, no resource loading,
 * CSS parse errors kept quiet.
 */
export function createNodeDom(): DomEnvironment {
  let parserWindow = freshWindow();
  let parser = new parserWindow.DOMParser();
  let parsed = 0;
  let purifyWindow = freshWindow();
  let purifyUses = 0;
  return {
    // DOMParser documents are inert (no scripts, no loads) and twice as cheap as a JSDOM per page.
    // Their URL is the parser window's: the pipeline resolves every URL against the page's own
    // address explicitly, exactly as it must in the reader page, where DOMParser behaves the same.
    parse(html: string, _url: string): Document {
      if (++parsed % DOCUMENTS_PER_WINDOW === 0) {
        parserWindow = freshWindow();
        parser = new parserWindow.DOMParser();
      }
      return parser.parseFromString(html, 'text/html');
    },
    // DOMPurify parses each article in this window's documents: rotated the same way.
    get window(): Window & typeof globalThis {
      if (++purifyUses % DOCUMENTS_PER_WINDOW === 0) purifyWindow = freshWindow();
      return purifyWindow;
    },
  };
}
