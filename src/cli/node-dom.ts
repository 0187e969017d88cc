import { JSDOM, VirtualConsole } from 'jsdom';
import type { DomEnvironment } from '../pipeline/types';

const quietConsole = new VirtualConsole();

/**
 * The pipeline's DOM environment in Node: jsdom, scripts never run, no resource loading,
 * CSS parse errors kept quiet. One shared window serves DOMPurify.
 */
export function createNodeDom(): DomEnvironment {
  const shared = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://wholestory.invalid/',
    virtualConsole: quietConsole,
  });
  const parser = new shared.window.DOMParser();
  return {
    // DOMParser documents are inert (no scripts, no loads) and twice as cheap as a JSDOM per page.
    // Their URL is the shared window's: the pipeline resolves every URL against the page's own
    // address explicitly, exactly as it must in the reader page, where DOMParser behaves the same.
    parse(html: string, _url: string): Document {
      return parser.parseFromString(html, 'text/html');
    },
    window: shared.window as unknown as Window & typeof globalThis,
  };
}
